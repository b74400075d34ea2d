using GroundTruth.Core.Consolidation;

namespace GroundTruth.Tests.Core.Consolidation;

public class TsvAnswersTests
{
    private static IReadOnlyList<ClassAnswer> Answers(string text) =>
        TsvAnswers.ReadAnswers(new StringReader(text), "answers.tsv");

    private static IReadOnlyDictionary<string, string> Gold(string text) =>
        TsvAnswers.ReadGold(new StringReader(text), "gold.tsv");

    [Fact]
    public void ReadAnswers_ValidFile_ReturnsRowsVerbatimInOrder()
    {
        IReadOnlyList<ClassAnswer> answers = Answers("item\tworker\tlabel\n7\tA1 x\t0\r\n3\tw2\tcat\n");

        Assert.Equal(new[] { new ClassAnswer("7", "A1 x", "0"), new ClassAnswer("3", "w2", "cat") }, answers);
    }

    [Fact]
    public void ReadAnswers_HeaderOnly_ReturnsEmpty()
    {
        Assert.Empty(Answers("item\tworker\tlabel\n"));
    }

    [Fact]
    public void ReadAnswers_WrongHeader_ReportsLineOne()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(() => Answers("item\tlabel\tworker\n1\tw\t0\n"));

        Assert.Equal(("answers.tsv", 1), (error.FileName, error.LineNumber));
    }

    [Fact]
    public void ReadAnswers_EmptyFile_ReportsLineOne()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(() => Answers(string.Empty));

        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void ReadAnswers_MissingField_ReportsFileAndLineInMessage()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(
            () => Answers("item\tworker\tlabel\n1\tw1\t0\n2\tw1\n3\tw1\t1\n"));

        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith("answers.tsv, line 3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAnswers_ExtraField_ReportsLine()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(() => Answers("item\tworker\tlabel\n1\tw1\t0\tx\n"));

        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void ReadAnswers_EmptyField_ReportsLine()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(() => Answers("item\tworker\tlabel\n1\t\t0\n"));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("worker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAnswers_BlankLine_ReportsLine()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(() => Answers("item\tworker\tlabel\n1\tw\t0\n\n2\tw\t1\n"));

        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void ReadAnswers_FromPath_ErrorNamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"answers-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "item\tworker\tlabel\n1\tw1\t0\n2 w1 0\n");
        try
        {
            TsvFormatException error = Assert.Throws<TsvFormatException>(() => TsvAnswers.ReadAnswers(path));

            Assert.Equal((path, 3), (error.FileName, error.LineNumber));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadGold_ValidFile_MapsItemToLabel()
    {
        IReadOnlyDictionary<string, string> gold = Gold("item\tlabel\na\t1\nb\t0\n");

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "0" }, gold);
    }

    [Fact]
    public void ReadGold_RepeatedItem_ReportsLineOfRepeat()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(() => Gold("item\tlabel\na\t1\nb\t0\na\t1\n"));

        Assert.Equal(("gold.tsv", 4), (error.FileName, error.LineNumber));
    }

    [Fact]
    public void ReadGold_AnswersHeader_ReportsLineOne()
    {
        TsvFormatException error = Assert.Throws<TsvFormatException>(() => Gold("item\tworker\tlabel\n"));

        Assert.Equal(1, error.LineNumber);
    }
}
