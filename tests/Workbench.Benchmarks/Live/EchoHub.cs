using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Workbench.Benchmarks.Live;

/// <summary>The baseline: a hub that does nothing but broadcast what it is sent to a group.</summary>
public sealed class EchoHub : Hub
{
    /// <summary>
    /// Broadcast entries recorded from the app in the same run, each an <c>AppliedOperations</c> message of one entry, already
    /// parsed: <see cref="SendPatch"/> writes one out as the app writes its broadcast, without reading or building anything.
    /// </summary>
    public static IReadOnlyList<JsonElement> Patches { get; set; } = [];

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public async Task<int> Send(string group, int id, string payload)
    {
        await Clients.Group(group).SendAsync("Echo", id, payload);
        return id;
    }

    public async Task<int> SendPatch(string group, int id)
    {
        await Clients.Group(group).SendAsync("Patch", id, Patches[id % Patches.Count]);
        return id;
    }
}
