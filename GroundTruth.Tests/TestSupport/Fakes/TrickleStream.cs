namespace GroundTruth.Tests.TestSupport.Fakes;

/// <summary>
/// A read-only stream over fixed bytes that hands out at most <c>chunkSize</c> bytes per read (one by default),
/// as a slow network stream may, so readers that assume full buffers or whole lines per read are caught.
/// </summary>
public sealed class TrickleStream(byte[] content, int chunkSize = 1) : Stream
{
    private int _position;

    /// <summary>How many reads returned data.</summary>
    public int ReadCalls { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(Math.Min(chunkSize, buffer.Length), content.Length - _position);
        if (count <= 0)
        {
            return 0;
        }

        content.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        ReadCalls++;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Complete asynchronously now and then, as a real network stream would.
        if (_position % 7 == 0)
        {
            await Task.Yield();
        }

        return Read(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
