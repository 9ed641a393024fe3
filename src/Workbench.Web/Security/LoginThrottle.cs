using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Workbench.Web.Data;

namespace Workbench.Web.Security;

/// <summary>
/// Failed log-ins are counted per user name AND per client, not per account: five failures for one name from one client
/// pause that name for that client for ten minutes. So nobody can lock <c>admin</c> out by failing on purpose (the real
/// admin's browser is another client), while guessing from one place stays slow.
/// </summary>
/// <remarks>
/// A client is the browser when it carries a device cookie this app issued at an earlier successful log-in of the same
/// name (so an attacker sharing the admin's network still cannot pause the admin's browser), else its network address.
/// The same rules apply to names that have no account, and the answers read the same, so the form does not tell which
/// names exist (see <see cref="EqualizeAsync"/> for the time). In memory, per instance, bounded.
/// </remarks>
public sealed class LoginThrottle(TimeProvider clock, IDataProtectionProvider protection)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(10);
    public const string DeviceCookie = "workbench.device";
    private const int MaxEntries = 100_000;

    private sealed record Entry(int Failures, DateTimeOffset Since, DateTimeOffset? PausedUntil);

    private readonly ConcurrentDictionary<(string Name, string Client), Entry> entries = new();
    private readonly IDataProtector devices = protection.CreateProtector("Workbench.LoginThrottle.Device");
    private readonly Lazy<string> dummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    /// <summary>Who is trying: the device cookie's id when it was issued for this name, else the network address.</summary>
    public string ClientOf(HttpContext http, string name)
    {
        if (http.Request.Cookies.TryGetValue(DeviceCookie, out var cookie))
        {
            try
            {
                var parts = devices.Unprotect(cookie).Split('\n');
                if (parts.Length == 2 && string.Equals(parts[0], Normalize(name), StringComparison.Ordinal))
                {
                    return "device:" + parts[1];
                }
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // A cookie from another key ring or tampered with: the address decides.
            }
        }

        return "ip:" + http.Connection.RemoteIpAddress;
    }

    public bool IsPaused(string name, string client) =>
        entries.TryGetValue((Normalize(name), client), out var entry) && entry.PausedUntil is { } until && until > clock.GetUtcNow();

    public void Failed(string name, string client)
    {
        var now = clock.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            Prune(now);
        }

        entries.AddOrUpdate((Normalize(name), client), _ => new Entry(1, now, null), (_, entry) =>
        {
            var fresh = now - entry.Since > Pause ? new Entry(0, now, null) : entry;
            var failures = fresh.Failures + 1;
            return fresh with { Failures = failures, PausedUntil = failures >= MaxFailures ? now + Pause : null };
        });
    }

    /// <summary>Clears the name's count for this client and remembers the browser for the name.</summary>
    public void Succeeded(HttpContext http, string name, string client)
    {
        entries.TryRemove((Normalize(name), client), out _);
        var device = client.StartsWith("device:", StringComparison.Ordinal) ? client["device:".Length..] : Guid.NewGuid().ToString("N");
        http.Response.Cookies.Append(DeviceCookie, devices.Protect(Normalize(name) + "\n" + device), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, IsEssential = true, Expires = clock.GetUtcNow().AddYears(1),
        });
    }

    /// <summary>Spends about the time a real password check takes, so a name without an account answers as slowly as one with.</summary>
    public Task EqualizeAsync(string password) => Task.Run(() => new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), dummyHash.Value, password));

    private static string Normalize(string name) => name.Trim().ToUpperInvariant();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (now - entry.Since > Pause && (entry.PausedUntil is null || entry.PausedUntil < now))
            {
                entries.TryRemove(key, out _);
            }
        }

        // Still full (a flood of fresh names): forget the oldest half rather than grow without bound.
        if (entries.Count >= MaxEntries)
        {
            foreach (var (key, _) in entries.OrderBy(e => e.Value.Since).Take(entries.Count / 2))
            {
                entries.TryRemove(key, out _);
            }
        }
    }
}
