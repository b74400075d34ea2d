using System.Text;
using GroundTruth.Core.Storage;
using GroundTruth.Tests.TestSupport.Fakes;

namespace GroundTruth.Tests.Core.Storage;

/// <summary>Each test gets its own sandbox folder holding the store's root ("data") and a folder outside it.</summary>
public sealed class LocalObjectStoreTests : IDisposable
{
    private readonly string _sandbox;
    private readonly string _root;
    private readonly string _outside;
    private readonly LocalObjectStore _store;

    public LocalObjectStoreTests()
    {
        _sandbox = Path.Combine(Path.GetTempPath(), "gt-store-" + Guid.NewGuid().ToString("N"));
        _root = Path.Combine(_sandbox, "data");
        _outside = Path.Combine(_sandbox, "outside");
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret");
        _store = new LocalObjectStore(_root);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    [Fact]
    public void Constructor_MissingFolder_CreatesItAndExposesFullPath()
    {
        var store = new LocalObjectStore(Path.Combine(_sandbox, "new", "nested") + Path.DirectorySeparatorChar);

        Assert.Equal(Path.Combine(_sandbox, "new", "nested"), store.Root);
        Assert.True(Directory.Exists(store.Root));
    }

    [Theory]
    [InlineData("images/cat.jpg", "images/cat.jpg")]
    [InlineData("cat.jpg", "cat.jpg")]
    [InlineData("images\\2026\\cat.jpg", "images/2026/cat.jpg")]
    [InlineData("my cat (1).jpg", "my cat (1).jpg")]
    [InlineData("s3://bucket/images/cat.jpg", "bucket/images/cat.jpg")]
    [InlineData("S3://Bucket/Cat.JPG", "Bucket/Cat.JPG")]
    [InlineData("s3://DOC-EXAMPLE-BUCKET1/example-image.png", "DOC-EXAMPLE-BUCKET1/example-image.png")]
    public void TryGetKey_RelativeOrS3Reference_ReturnsKey(string sourceRef, string key)
    {
        Assert.Equal(key, _store.TryGetKey(sourceRef, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("images/../../etc/passwd")]
    [InlineData("../outside/secret.txt")]
    [InlineData("./cat.jpg")]
    [InlineData("images//cat.jpg")]
    [InlineData("s3://bucket/../../etc/passwd")]
    [InlineData("..\\outside\\secret.txt")]
    public void TryGetKey_DotSegments_Rejected(string sourceRef)
    {
        Assert.Null(_store.TryGetKey(sourceRef, out var problem));
        Assert.NotNull(problem);
        Assert.EndsWith("has an empty, '.' or '..' segment; paths may not leave the data folder.", problem);
    }

    [Fact]
    public void TryGetKey_DotSegments_QuotesTheKey()
    {
        _store.TryGetKey("s3://bucket/../x", out var problem);

        Assert.Equal("The path 'bucket/../x' has an empty, '.' or '..' segment; paths may not leave the data folder.", problem);
    }

    [Fact]
    public void TryGetKey_Empty_Rejected()
    {
        Assert.Null(_store.TryGetKey("", out var problem));
        Assert.Equal("The path is empty.", problem);
    }

    [Fact]
    public void TryGetKey_AbsolutePathInsideRoot_ReturnsRelativeKey()
    {
        Assert.Equal("images/cat.jpg", _store.TryGetKey(Path.Combine(_root, "images", "cat.jpg"), out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void TryGetKey_AbsolutePathWithDotDotStayingInside_ReturnsResolvedKey()
    {
        Assert.Equal("cat.jpg", _store.TryGetKey(_root + "/images/../cat.jpg", out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("/data/../outside/secret.txt")]
    [InlineData("/outside/secret.txt")]
    [InlineData("/data-other/cat.jpg")]
    [InlineData("/data")]
    public void TryGetKey_AbsolutePathOutsideRoot_Rejected(string relativeToSandbox)
    {
        var sourceRef = _sandbox + relativeToSandbox;

        Assert.Null(_store.TryGetKey(sourceRef, out var problem));
        Assert.Equal($"'{sourceRef}' is outside the data folder.", problem);
    }

    [Fact]
    public void TryGetKey_FileUriInsideRoot_ReturnsDecodedKey()
    {
        var sourceRef = new Uri(Path.Combine(_root, "images", "my cat.jpg")).AbsoluteUri;

        Assert.Equal("images/my cat.jpg", _store.TryGetKey(sourceRef, out var problem));
        Assert.Null(problem);
        Assert.Contains("my%20cat.jpg", sourceRef);
    }

    [Fact]
    public void TryGetKey_FileUriOutsideRoot_Rejected()
    {
        var sourceRef = "file://" + _outside + "/secret.txt";

        Assert.Null(_store.TryGetKey(sourceRef, out var problem));
        Assert.Equal($"'{sourceRef}' is outside the data folder.", problem);
    }

    [Fact]
    public void TryGetKey_FileUriEscapingWithDotDot_Rejected()
    {
        var sourceRef = "file://" + _root + "/../outside/secret.txt";

        Assert.Null(_store.TryGetKey(sourceRef, out var problem));
        Assert.Equal($"'{sourceRef}' is outside the data folder.", problem);
    }

    [Theory]
    [InlineData("http://example.com/cat.jpg")]
    [InlineData("https://s3.amazonaws.com/bucket/cat.jpg")]
    [InlineData("gs://bucket/cat.jpg")]
    [InlineData("ftp://host/cat.jpg")]
    public void TryGetKey_OtherScheme_Rejected(string sourceRef)
    {
        Assert.Null(_store.TryGetKey(sourceRef, out var problem));
        Assert.Equal($"'{sourceRef}' uses a scheme this store cannot read; use a path inside the data folder or s3://bucket/key.", problem);
    }

    [Theory]
    [InlineData("images/cat.jpg")]
    [InlineData("/images/cat.jpg")]
    [InlineData("images\\cat.jpg")]
    public void PathOf_Key_IsUnderRoot(string key)
    {
        Assert.Equal(Path.Combine(_root, "images", "cat.jpg"), _store.PathOf(key));
    }

    [Theory]
    [InlineData("../outside/secret.txt", "The path '../outside/secret.txt' has an empty, '.' or '..' segment; paths may not leave the data folder.")]
    [InlineData("images/../../outside/secret.txt", "The path 'images/../../outside/secret.txt' has an empty, '.' or '..' segment; paths may not leave the data folder.")]
    [InlineData("", "The path is empty.")]
    [InlineData("a\u0000b", "The path contains a control character.")]
    public void PathOf_EscapingOrInvalidKey_Throws(string key, string message)
    {
        var exception = Assert.Throws<UnauthorizedAccessException>(() => _store.PathOf(key));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void PathOf_DirectoryLinkPointingOutside_Throws()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "linked"), _outside);

        var existing = Assert.Throws<UnauthorizedAccessException>(() => _store.PathOf("linked/secret.txt"));
        var missing = Assert.Throws<UnauthorizedAccessException>(() => _store.PathOf("linked/new/file.txt"));

        Assert.Equal("'linked/secret.txt' is outside the data folder.", existing.Message);
        Assert.Equal("'linked/new/file.txt' is outside the data folder.", missing.Message);
    }

    [Fact]
    public void PathOf_FileLinkPointingOutside_Throws()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "innocent.txt"), Path.Combine(_outside, "secret.txt"));

        Assert.Throws<UnauthorizedAccessException>(() => _store.PathOf("innocent.txt"));
    }

    [Fact]
    public void PathOf_LinkChainLeavingRoot_Throws()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "hop"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_root, "first"), Path.Combine(_root, "hop"));

        Assert.Throws<UnauthorizedAccessException>(() => _store.PathOf("first/secret.txt"));
    }

    [Fact]
    public void PathOf_RelativeLinkLeavingRoot_Throws()
    {
        Directory.CreateDirectory(Path.Combine(_root, "images"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "images", "up"), "../../outside");

        Assert.Throws<UnauthorizedAccessException>(() => _store.PathOf("images/up/secret.txt"));
    }

    [Fact]
    public void PathOf_LinkPointingInsideRoot_ReturnsPathThroughLink()
    {
        Directory.CreateDirectory(Path.Combine(_root, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), Path.Combine(_root, "real"));

        Assert.Equal(Path.Combine(_root, "alias", "cat.jpg"), _store.PathOf("alias/cat.jpg"));
    }

    [Fact]
    public async Task OpenReadAsync_ThroughLinkPointingOutside_Throws()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "linked"), _outside);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.OpenReadAsync("linked/secret.txt", Token));
    }

    [Fact]
    public async Task WriteAsync_ThroughLinkPointingOutside_ThrowsAndWritesNothing()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "linked"), _outside);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _store.WriteAsync("linked/planted.txt", new MemoryStream([1, 2, 3]), Token));

        Assert.Equal([Path.Combine(_outside, "secret.txt")], Directory.GetFiles(_outside));
    }

    /// <summary>
    /// PRODUCT BUG: the root is kept as given while keys are compared after resolving symbolic links, so a data
    /// folder that is itself a link (a mounted volume, /tmp on macOS) rejects every key as outside the data folder.
    /// Resolve the root's links once in the constructor and compare against that.
    /// </summary>
    [Fact]
    public async Task WriteAsync_RootIsSymbolicLink_WritesAndReadsBack()
    {
        // Arrange
        var realRoot = Path.Combine(_sandbox, "volume");
        Directory.CreateDirectory(realRoot);
        var linkedRoot = Path.Combine(_sandbox, "data-link");
        Directory.CreateSymbolicLink(linkedRoot, realRoot);
        var store = new LocalObjectStore(linkedRoot);

        // Act
        await store.WriteAsync("images/cat.bin", new MemoryStream([1, 2, 3]), Token);

        // Assert
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(realRoot, "images", "cat.bin"), Token));
    }

    [Fact]
    public async Task WriteAsync_ThenReadSizeAndDelete_RoundTrips()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("{\"source\":\"na\u00efve\"}\n");

        // Act
        await _store.WriteAsync("jobs/2026/manifest.jsonl", new MemoryStream(bytes), Token);
        var existed = await _store.ExistsAsync("jobs/2026/manifest.jsonl", Token);
        var size = await _store.GetSizeAsync("jobs/2026/manifest.jsonl", Token);
        byte[] read;
        await using (var stream = await _store.OpenReadAsync("jobs/2026/manifest.jsonl", Token))
        {
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Token);
            read = copy.ToArray();
        }

        await _store.DeleteAsync("jobs/2026/manifest.jsonl", Token);

        // Assert
        Assert.True(existed);
        Assert.Equal(bytes.Length, size);
        Assert.Equal(bytes, read);
        Assert.False(await _store.ExistsAsync("jobs/2026/manifest.jsonl", Token));
        Assert.Null(await _store.GetSizeAsync("jobs/2026/manifest.jsonl", Token));
        Assert.Null(await _store.OpenReadAsync("jobs/2026/manifest.jsonl", Token));
    }

    [Fact]
    public async Task WriteAsync_StoresFileUnderRootAtKeyPath()
    {
        await _store.WriteAsync("images/2026/cat.bin", new MemoryStream([9, 8, 7]), Token);

        Assert.Equal([9, 8, 7], await File.ReadAllBytesAsync(Path.Combine(_root, "images", "2026", "cat.bin"), Token));
    }

    [Fact]
    public async Task WriteAsync_ExistingKey_ReplacesContent()
    {
        await _store.WriteAsync("a.txt", new MemoryStream("a much longer first version"u8.ToArray()), Token);

        await _store.WriteAsync("a.txt", new MemoryStream("short"u8.ToArray()), Token);

        Assert.Equal(5, await _store.GetSizeAsync("a.txt", Token));
        Assert.Equal("short", await File.ReadAllTextAsync(Path.Combine(_root, "a.txt"), Token));
    }

    [Fact]
    public async Task Store_MissingKey_ReportsAbsentAndDeletesQuietly()
    {
        Directory.CreateDirectory(Path.Combine(_root, "images"));

        Assert.False(await _store.ExistsAsync("images/cat.jpg", Token));
        Assert.Null(await _store.OpenReadAsync("images/cat.jpg", Token));
        Assert.Null(await _store.GetSizeAsync("images/cat.jpg", Token));
        await _store.DeleteAsync("images/cat.jpg", Token);
    }

    [Fact]
    public async Task Store_KeyInMissingFolder_ReportsAbsent()
    {
        Assert.False(await _store.ExistsAsync("nope/cat.jpg", Token));
        Assert.Null(await _store.OpenReadAsync("nope/cat.jpg", Token));
        Assert.Null(await _store.GetSizeAsync("nope/cat.jpg", Token));
    }

    /// <summary>
    /// PRODUCT BUG: <see cref="File.Delete"/> ignores a missing file but throws <see cref="DirectoryNotFoundException"/>
    /// when the folder is missing too, so deleting a never-written key such as "jobs/42/output.manifest" fails instead
    /// of doing nothing as <see cref="IObjectStore.DeleteAsync"/> promises ("Deletes an object if it exists").
    /// </summary>
    [Fact]
    public async Task DeleteAsync_KeyInMissingFolder_DoesNothing()
    {
        await _store.DeleteAsync("nope/cat.jpg", Token);

        Assert.False(Directory.Exists(Path.Combine(_root, "nope")));
    }

    [Fact]
    public async Task ExistsAsync_Folder_IsNotAnObject()
    {
        await _store.WriteAsync("images/cat.jpg", new MemoryStream([1]), Token);

        Assert.False(await _store.ExistsAsync("images", Token));
        Assert.Null(await _store.GetSizeAsync("images", Token));
    }

    [Fact]
    public async Task OpenWriteAsync_BeforeDispose_NothingVisibleUnderKey()
    {
        // Arrange
        var stream = await _store.OpenWriteAsync("out/output.manifest", Token);
        await stream.WriteAsync("{\"source\":\"a\"}\n"u8.ToArray(), Token);
        await stream.FlushAsync(Token);

        // Act
        var visibleBefore = await _store.ExistsAsync("out/output.manifest", Token);
        var fileBefore = File.Exists(Path.Combine(_root, "out", "output.manifest"));
        await stream.DisposeAsync();
        var visibleAfter = await _store.ExistsAsync("out/output.manifest", Token);

        // Assert
        Assert.False(visibleBefore);
        Assert.False(fileBefore);
        Assert.True(visibleAfter);
        Assert.Equal("{\"source\":\"a\"}\n", await File.ReadAllTextAsync(Path.Combine(_root, "out", "output.manifest"), Token));
        Assert.Equal([Path.Combine(_root, "out", "output.manifest")], Directory.GetFiles(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task OpenWriteAsync_ReplacingObject_OldContentVisibleUntilDispose()
    {
        // Arrange
        await _store.WriteAsync("out/output.manifest", new MemoryStream("old\n"u8.ToArray()), Token);
        var stream = await _store.OpenWriteAsync("out/output.manifest", Token);
        await stream.WriteAsync("new content\n"u8.ToArray(), Token);
        await stream.FlushAsync(Token);

        // Act
        var before = await File.ReadAllTextAsync(Path.Combine(_root, "out", "output.manifest"), Token);
        stream.Dispose();
        var after = await File.ReadAllTextAsync(Path.Combine(_root, "out", "output.manifest"), Token);

        // Assert
        Assert.Equal("old\n", before);
        Assert.Equal("new content\n", after);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task OpenWriteAsync_DisposedTwice_KeepsContent()
    {
        var stream = await _store.OpenWriteAsync("a.txt", Token);
        await stream.WriteAsync("abc"u8.ToArray(), Token);

        await stream.DisposeAsync();
        stream.Dispose();

        Assert.Equal("abc", await File.ReadAllTextAsync(Path.Combine(_root, "a.txt"), Token));
    }

    /// <summary>
    /// PRODUCT BUG: <see cref="LocalObjectStore.WriteAsync"/> disposes its atomic stream in a <c>finally</c>, and
    /// dispose always moves the temporary file into place, so a failed copy (dropped upload, cancellation) replaces
    /// the object with a truncated file. Only a completed copy should be moved into place; a failed one should delete
    /// the temporary file.
    /// </summary>
    [Fact]
    public async Task WriteAsync_ContentFailsPartWay_KeepsPreviousObject()
    {
        await _store.WriteAsync("report.json", new MemoryStream("{\"complete\":true}"u8.ToArray()), Token);

        await Assert.ThrowsAsync<IOException>(() => _store.WriteAsync("report.json", new FailingStream("{\"compl"u8.ToArray()), Token));

        Assert.Equal("{\"complete\":true}", await File.ReadAllTextAsync(Path.Combine(_root, "report.json"), Token));
        Assert.Single(Directory.GetFiles(_root));
    }
}
