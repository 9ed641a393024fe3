using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace Workbench.Web.Import;

/// <summary>
/// What an upload did, kept on the server for the page the browser is sent back to (post/redirect/get). They used to travel
/// in TempData cookies: 300 files made 83 KB of cookies and every later request of that browser failed with HTTP 431.
/// Now the redirect carries a short random token, and only the user who uploaded can read the outcomes, for 30 minutes.
/// </summary>
/// <remarks>An <see cref="IDistributedCache"/>: in memory by default; several app instances share it when it is Redis.</remarks>
public sealed class UploadOutcomes(IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30) };

    /// <summary>Stores the outcomes and returns the token to put in the redirect.</summary>
    public async Task<string> SaveAsync(string userId, IReadOnlyList<ImportOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        await cache.SetAsync(Key(userId, token), JsonSerializer.SerializeToUtf8Bytes(outcomes), Keep, cancellationToken);
        return token;
    }

    /// <summary>The outcomes behind a token, for the user who uploaded them; empty when unknown or expired.</summary>
    public async Task<IReadOnlyList<ImportOutcome>> LoadAsync(string? userId, string? token, CancellationToken cancellationToken = default)
    {
        if (userId is null || string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return [];
        }

        var bytes = await cache.GetAsync(Key(userId, token), cancellationToken);
        return bytes is null ? [] : JsonSerializer.Deserialize<List<ImportOutcome>>(bytes) ?? [];
    }

    private static string Key(string userId, string token) => $"workbench:upload:{userId}:{token}";
}

/// <summary>File names an upload refuses before reading the file.</summary>
public static class UploadNames
{
    /// <summary>
    /// A reason to refuse the name, or null. Control characters (NUL above all) have no place in a file name: they end strings in
    /// C libraries, break logs and CSV, and hide what a name really is.
    /// </summary>
    public static string? Refusal(string name) =>
        name.Any(char.IsControl) ? ImportMessages.Refused(Visible(name), ImportMessages.Text.Get("ControlInName")) : null;

    /// <summary>The name with each control character shown as its code, e.g. <c>a\u0000b</c>.</summary>
    public static string Visible(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
