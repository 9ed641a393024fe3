using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workbench.Tests.Shared;

/// <summary>
/// Tests read English messages unless they ask for another language, whatever the machine's LANG says:
/// every thread starts in <c>en</c> (a test that wants zh-Hans sets it, or sends Accept-Language/a cookie).
/// </summary>
internal static class EnglishByDefault
{
#pragma warning disable CA2255 // A test assembly's own start-up, not a library's.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        var english = CultureInfo.GetCultureInfo("en");
        CultureInfo.DefaultThreadCurrentCulture = english;
        CultureInfo.DefaultThreadCurrentUICulture = english;
        CultureInfo.CurrentCulture = english;
        CultureInfo.CurrentUICulture = english;
    }
}
