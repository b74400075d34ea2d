using GroundTruth.Core.Storage;

namespace GroundTruth.Tests.Core.Storage;

public class ObjectKeyTests
{
    [Theory]
    [InlineData("images/cat.jpg", "images/cat.jpg")]
    [InlineData("/images/cat.jpg", "images/cat.jpg")]
    [InlineData("///images/cat.jpg", "images/cat.jpg")]
    [InlineData("images\\2026\\cat.jpg", "images/2026/cat.jpg")]
    [InlineData("a..b/c.d", "a..b/c.d")]
    [InlineData("...", "...")]
    public void Normalize_AllowedKey_ReturnsNormalisedForm(string key, string expected)
    {
        Assert.Equal(expected, ObjectKey.Normalize(key, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("\\\\")]
    public void Normalize_EmptyKey_Rejected(string key)
    {
        Assert.Null(ObjectKey.Normalize(key, out var error));
        Assert.Equal("The path is empty.", error);
    }

    [Theory]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("images/")]
    [InlineData("a\\..\\b")]
    public void Normalize_EmptyOrDotSegment_RejectedQuotingKey(string key)
    {
        Assert.Null(ObjectKey.Normalize(key, out var error));
        Assert.Equal($"The path '{key}' has an empty, '.' or '..' segment; paths may not leave the data folder.", error);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("cat.jpg\r")]
    [InlineData("a\u007fb")]
    public void Normalize_ControlCharacter_Rejected(string key)
    {
        Assert.Null(ObjectKey.Normalize(key, out var error));
        Assert.Equal("The path contains a control character.", error);
    }

    [Fact]
    public void Normalize_1024Characters_Allowed()
    {
        var key = new string('k', 1024);

        Assert.Equal(key, ObjectKey.Normalize(key, out _));
    }

    [Fact]
    public void Normalize_1025Characters_Rejected()
    {
        Assert.Null(ObjectKey.Normalize(new string('k', 1025), out var error));
        Assert.Equal("The path is longer than 1024 characters.", error);
    }

    [Theory]
    [InlineData("uploads/2026", "cat.jpg", "uploads/2026/cat.jpg")]
    [InlineData("/uploads/", "cat.jpg", "uploads/cat.jpg")]
    [InlineData("u", "My Cat (1).jpg", "u/My_Cat__1_.jpg")]
    [InlineData("u", "C:\\Users\\me\\dog.png", "u/dog.png")]
    [InlineData("u", "../../etc/passwd", "u/passwd")]
    [InlineData("u", "..", "u/file")]
    [InlineData("u", "", "u/file")]
    [InlineData("u", "folder/", "u/file")]
    [InlineData("u", "...hidden...", "u/hidden")]
    [InlineData("u", "caf\u00e9-\u65e5\u672c_v2.jpg", "u/caf\u00e9-\u65e5\u672c_v2.jpg")]
    [InlineData("u", "a;rm -rf $HOME.png", "u/a_rm_-rf__HOME.png")]
    [InlineData("u", "x\u0000y\ty.png", "u/x_y_y.png")]
    [InlineData("u", "report:2026-11-23T09:00.json", "u/report_2026-11-23T09_00.json")]
    public void ForUpload_FileName_Sanitised(string folder, string fileName, string expected)
    {
        var key = ObjectKey.ForUpload(folder, fileName);

        Assert.Equal(expected, key);
        Assert.Equal(expected, ObjectKey.Normalize(key, out _));
    }
}
