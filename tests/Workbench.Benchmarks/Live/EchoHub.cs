using Microsoft.AspNetCore.SignalR;

namespace Workbench.Benchmarks.Live;

/// <summary>The baseline: a hub that does nothing but broadcast what it is sent to a group.</summary>
public sealed class EchoHub : Hub
{
    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public async Task<int> Send(string group, int id, string payload)
    {
        await Clients.Group(group).SendAsync("Echo", id, payload);
        return id;
    }
}
