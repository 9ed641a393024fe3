using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Workbench.Web.Localization;

/// <summary>
/// English and Simplified Chinese. The culture of a request comes from the signed-in user's saved preference, else
/// the <c>.AspNetCore.Culture</c> cookie set by the header switch, else <c>Accept-Language</c>, else English.
/// </summary>
public static class LocalizationSetup
{
    public static IServiceCollection AddWorkbenchLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");

        // Write Chinese as characters, not &#x...; entities (HTML's special characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Model binding's own messages (a number field given text, a missing value) in the request's language.
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>((mvc, factory) =>
        {
            var text = factory.Create(typeof(SharedResource));
            var messages = mvc.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["The value '{0}' is not valid for {1}.", value, field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["The value '{0}' is not valid.", value]);
            messages.SetUnknownValueIsInvalidAccessor(field => text["The value supplied for {0} is not valid.", field]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["The value supplied is not valid."]);
            messages.SetValueIsInvalidAccessor(value => text["The value '{0}' is not valid.", value]);
            messages.SetValueMustBeANumberAccessor(field => text["The field {0} must be a number.", field]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => text["The field must be a number."]);
            messages.SetMissingBindRequiredValueAccessor(field => text["A value for the '{0}' parameter or property was not provided.", field]);
            messages.SetMissingKeyOrValueAccessor(() => text["A value is required."]);
            messages.SetValueMustNotBeNullAccessor(value => text["The value '{0}' is invalid.", value]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => text["A non-empty request body is required."]);
        });

        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = AppCultures.Supported.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(AppCultures.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.ApplyCurrentCultureToResponseHeaders = true;
            options.RequestCultureProviders =
            [
                new UserPreferenceCultureProvider(),
                new MappedCultureProvider(new CookieRequestCultureProvider()),
                new MappedCultureProvider(new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 }),
            ];
        });
        return services;
    }

    /// <summary>The culture the request pipeline would choose for <paramref name="context"/> (used where the middleware's feature is missing).</summary>
    public static async Task<CultureInfo> DetermineAsync(HttpContext context)
    {
        var feature = context.Features.Get<IRequestCultureFeature>();
        if (feature is not null)
        {
            return feature.RequestCulture.UICulture;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;
        foreach (var provider in options.RequestCultureProviders)
        {
            var result = await provider.DetermineProviderCultureResult(context);
            var name = result?.UICultures.Select(c => AppCultures.Normalize(c.Value)).FirstOrDefault(c => c is not null);
            if (name is not null)
            {
                return CultureInfo.GetCultureInfo(name);
            }
        }

        return options.DefaultRequestCulture.UICulture;
    }
}
