using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Workbench.Web.Localization;

/// <summary>Identity's messages (password rules, duplicate names) in the request's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> text) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "An unknown error occurred.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "The account was changed by someone else; try again.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "The current password is not right.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "The link or token is not valid.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "The user name {0} is not valid; use letters, digits and - . _ @ +.", userName ?? "");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "The user name {0} is already taken.", userName);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "The user already has a password.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Lockout is not enabled for this user.");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "The password needs at least {0} characters.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "The password needs at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "The password needs at least one character that is not a letter or digit.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password needs at least one digit (0–9).");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password needs at least one lowercase letter (a–z).");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password needs at least one uppercase letter (A–Z).");

    private IdentityError Error(string code, string english, params object[] args)
    {
        var found = text["Identity." + code, args];
        return new IdentityError { Code = code, Description = found.ResourceNotFound ? string.Format(System.Globalization.CultureInfo.CurrentCulture, english, args) : found.Value };
    }
}
