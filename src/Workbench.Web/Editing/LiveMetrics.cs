using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Workbench.Web.Editing;

/// <summary>
/// Counters of the live path (<c>System.Diagnostics.Metrics</c>, meter "Workbench.Live"), so tests and benchmarks can
/// see how much JSON work one operation costs: every hub message the protocol parses or writes, every JSON pass the
/// edit path makes itself (the log payload), and the groups written.
/// </summary>
public static class LiveMetrics
{
    public const string MeterName = "Workbench.Live";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>JSON passes, tagged <c>pass</c> = parse|write and <c>what</c> (hub.invocation, hub.completion, hub.broadcast, log.payload, ...).</summary>
    public static readonly Counter<long> JsonPasses = Meter.CreateCounter<long>("workbench.live.json_passes", description: "JSON parses and serialisations on the live path");

    /// <summary>Operations applied, and the groups (transactions, broadcasts) they were written in.</summary>
    public static readonly Counter<long> Operations = Meter.CreateCounter<long>("workbench.live.operations", description: "operations committed");

    public static readonly Counter<long> Groups = Meter.CreateCounter<long>("workbench.live.groups", description: "groups committed (one transaction and one broadcast each)");

    public static void Parsed(string what) => JsonPasses.Add(1, new KeyValuePair<string, object?>("pass", "parse"), new KeyValuePair<string, object?>("what", what));

    public static void Written(string what) => JsonPasses.Add(1, new KeyValuePair<string, object?>("pass", "write"), new KeyValuePair<string, object?>("what", what));
}

/// <summary>
/// SignalR's JSON protocol, counted: one parse per incoming message, one write per outgoing message (SignalR writes a
/// group message once per protocol and hands the same bytes to every connection).
/// </summary>
public sealed class CountingHubProtocol(IHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        LiveMetrics.Parsed(What(message));
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        LiveMetrics.Written(What(message));
        inner.WriteMessage(message, output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        LiveMetrics.Written(What(message));
        return inner.GetMessageBytes(message);
    }

    private static string What(HubMessage message) => message switch
    {
        InvocationMessage { Target: var target } when target.StartsWith(nameof(Hubs.IPageClient.OperationsApplied), StringComparison.Ordinal) => "hub.broadcast",
        InvocationMessage => "hub.invocation",
        CompletionMessage => "hub.completion",
        PingMessage => "hub.ping",
        _ => "hub.other",
    };
}
