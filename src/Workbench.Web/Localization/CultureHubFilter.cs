using System.Globalization;
using Microsoft.AspNetCore.SignalR;

namespace Workbench.Web.Localization;

/// <summary>
/// Hub calls answer in the caller's language: the culture of the connecting request (user preference, cookie,
/// Accept-Language) is kept with the connection and set around every hub method invocation.
/// </summary>
public sealed class CultureHubFilter : IHubFilter
{
    private const string Key = "workbench:culture";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var http = context.Context.GetHttpContext();
        context.Context.Items[Key] = http is null ? CultureInfo.GetCultureInfo(AppCultures.English) : await LocalizationSetup.DetermineAsync(http);
        await next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!invocationContext.Context.Items.TryGetValue(Key, out var value) || value is not CultureInfo culture)
        {
            return await next(invocationContext);
        }

        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return await next(invocationContext);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
