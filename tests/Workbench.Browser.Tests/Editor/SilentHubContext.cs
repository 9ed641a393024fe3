using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Workbench.Web.Hubs;

namespace Workbench.Browser.Tests.Editor;

/// <summary>
/// A hub context that delivers nothing: an edit applied through it reaches the database and the log but no
/// browser, as if its broadcast had been lost. Used to test that clients notice the gap and catch up.
/// </summary>
internal sealed class SilentHubContext : IHubContext<PageHub, IPageClient>
{
    public IHubClients<IPageClient> Clients { get; } = new NobodyClients();

    public IGroupManager Groups => throw new NotSupportedException("Not needed to drop broadcasts.");

    private sealed class NobodyClients : IHubClients<IPageClient>
    {
        private static readonly IPageClient Nobody = DispatchProxy.Create<IPageClient, NoOpProxy>();

        public IPageClient All => Nobody;

        public IPageClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => Nobody;

        public IPageClient Client(string connectionId) => Nobody;

        public IPageClient Clients(IReadOnlyList<string> connectionIds) => Nobody;

        public IPageClient Group(string groupName) => Nobody;

        public IPageClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => Nobody;

        public IPageClient Groups(IReadOnlyList<string> groupNames) => Nobody;

        public IPageClient User(string userId) => Nobody;

        public IPageClient Users(IReadOnlyList<string> userIds) => Nobody;
    }

    public class NoOpProxy : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Task.CompletedTask;
    }
}
