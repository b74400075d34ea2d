using System.Threading.Channels;

namespace GroundTruth.Portal.Hosting;

/// <summary>
/// Ids of work waiting for one background reader, in arrival order. Each kind of work derives its own type so it is
/// registered and injected on its own; the work itself is in the database, so ids lost at a restart are picked up
/// again by the service's start-up scan.
/// </summary>
public abstract class PendingIds
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public ValueTask EnqueueAsync(Guid id, CancellationToken cancellationToken = default) => _channel.Writer.WriteAsync(id, cancellationToken);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
