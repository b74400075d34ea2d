using System.Threading.Channels;

namespace GroundTruth.Portal.Features.Consolidation;

/// <summary>Consolidation runs waiting for the background runner.</summary>
public sealed class ConsolidationRuns
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public ValueTask EnqueueAsync(Guid runId, CancellationToken cancellationToken = default) => _channel.Writer.WriteAsync(runId, cancellationToken);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
