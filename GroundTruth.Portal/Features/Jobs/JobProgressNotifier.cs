namespace GroundTruth.Portal.Features.Jobs;

/// <summary>
/// Tells open circuits that a job changed (a submission, import progress, a status change), so pages can refresh
/// without polling. A singleton; subscriptions are disposed by the subscriber.
/// </summary>
public sealed class JobProgressNotifier
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, List<Func<Task>>> _subscribers = [];

    public IDisposable Subscribe(Guid jobId, Func<Task> onChanged)
    {
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(jobId, out var list))
            {
                _subscribers[jobId] = list = [];
            }

            list.Add(onChanged);
        }

        return new Subscription(this, jobId, onChanged);
    }

    public void NotifyChanged(Guid jobId)
    {
        Func<Task>[] targets;
        lock (_lock)
        {
            targets = _subscribers.TryGetValue(jobId, out var list) ? [.. list] : [];
        }

        foreach (var target in targets)
        {
            _ = target();
        }
    }

    private void Unsubscribe(Guid jobId, Func<Task> onChanged)
    {
        lock (_lock)
        {
            if (_subscribers.TryGetValue(jobId, out var list) && list.Remove(onChanged) && list.Count == 0)
            {
                _subscribers.Remove(jobId);
            }
        }
    }

    private sealed class Subscription(JobProgressNotifier owner, Guid jobId, Func<Task> onChanged) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(jobId, onChanged);
    }
}
