namespace Workbench.Web.Security;

/// <summary>User-facing sentences of the app's defences (Resources/Security/SecurityMessages.resx), in the current UI language.</summary>
public static class SecurityMessages
{
    private static readonly Core.ResourceText Text = new("Workbench.Web.Resources.Security.SecurityMessages", typeof(SecurityMessages).Assembly);

    public static string OriginRefused(string origin) => Text.Format("Origin.Refused", origin);

    public static string RateLimited(int permits, int seconds) => Text.Format("RateLimited", permits, seconds);

    public static string ConnectionRevoked => Text.Get("Connection.Revoked");

    public static string Get(string key) => Text.Get(key);

    public static string Format(string key, params object?[] args) => Text.Format(key, args);
}
