namespace Workbench.Web.Data;

/// <summary>A setting the app cannot start with; Program prints the message alone (no stack trace) and exits with code 2.</summary>
public sealed class StartupException(string message) : Exception(message);
