namespace GroundTruth.Portal.Features.Jobs;

/// <summary>
/// Collapses a burst of <see cref="JobProgressNotifier"/> notifications (many workers may submit per second) into at
/// most one refresh per interval, run after the interval so it sees the burst's last change.
/// </summary>
public sealed class RefreshThrottle(TimeSpan interval)
{
    private int _pending;

    /// <summary>Runs <paramref name="refresh"/> after the interval, unless a refresh is already waiting.</summary>
    public async Task RunAsync(Func<Task> refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        await Task.Delay(interval);
        Interlocked.Exchange(ref _pending, 0);
        await refresh();
    }
}
