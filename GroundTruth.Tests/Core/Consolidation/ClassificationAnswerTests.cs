using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class ClassificationAnswerTests
{
    private static readonly LabelCategory[] Labels = [new("cat"), new("dog"), new("bird")];

    [Theory]
    [InlineData(TaskType.ImageClassification, new[] { "cat" }, """{"crowd-image-classifier":{"label":"cat"}}""")]
    [InlineData(TaskType.TextClassification, new[] { "positive" }, """{"crowd-classifier":{"label":"positive"}}""")]
    [InlineData(TaskType.ImageMultiLabelClassification, new[] { "dog", "cat" }, """{"crowd-image-classifier-multi-select":{"labels":["dog","cat"]}}""")]
    [InlineData(TaskType.TextMultiLabelClassification, new[] { "a" }, """{"crowd-classifier-multi-select":{"labels":["a"]}}""")]
    [InlineData(TaskType.TextMultiLabelClassification, new string[0], """{"crowd-classifier-multi-select":{"labels":[]}}""")]
    public void Create_EachTaskType_WritesCrowdElementShape(TaskType type, string[] chosen, string expected)
    {
        Assert.Equal(expected, ClassificationAnswer.Create(TaskTypes.Get(type), chosen).ToJsonString());
    }

    [Fact]
    public void Create_NonAsciiLabel_RoundTripsThroughJsonText()
    {
        var created = ClassificationAnswer.Create(TaskTypes.Get(TaskType.TextClassification), ["tr\u00e8s <bien> & \"bon\""]);

        var reparsed = JsonNode.Parse(created.ToJsonString())!.AsObject();

        Assert.Equal(["tr\u00e8s <bien> & \"bon\""], ClassificationAnswer.Read(reparsed));
    }

    [Theory]
    [InlineData(TaskType.ImageClassification, new[] { "bird" })]
    [InlineData(TaskType.TextClassification, new[] { "cat" })]
    [InlineData(TaskType.ImageMultiLabelClassification, new[] { "bird", "cat" })]
    [InlineData(TaskType.TextMultiLabelClassification, new[] { "dog" })]
    [InlineData(TaskType.ImageMultiLabelClassification, new string[0])]
    public void Read_CreatedAnswer_GivesChoiceBackAndValidates(TaskType type, string[] chosen)
    {
        var descriptor = TaskTypes.Get(type);

        var read = ClassificationAnswer.Read(ClassificationAnswer.Create(descriptor, chosen));

        Assert.Equal(chosen, read);
        Assert.Null(ClassificationAnswer.Validate(descriptor, Labels, read));
    }

    [Fact]
    public void Create_SingleLabelTypeWithTwoChoices_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => ClassificationAnswer.Create(TaskTypes.Get(TaskType.ImageClassification), ["cat", "dog"]));
    }

    [Theory]
    [InlineData("""{"crowd-image-classifier":{"label":"Falcon"}}""", new[] { "Falcon" })]
    [InlineData("""{"crowd-image-classifier":{"label":"Falcon","workerComment":"The bird is cut off."}}""", new[] { "Falcon" })]
    [InlineData("""{"crowd-classifier-multi-select":{"labels":["a","b"]}}""", new[] { "a", "b" })]
    [InlineData("""{"crowd-classifier-multi-select":{"labels":["a",1,null,{"x":1},"b"]}}""", new[] { "a", "b" })]
    [InlineData("""{"note":"first","crowd-classifier":{"label":"x"}}""", new[] { "x" })]
    [InlineData("""{}""", new string[0])]
    [InlineData("""{"crowd-image-classifier":"Falcon"}""", new string[0])]
    [InlineData("""{"crowd-image-classifier":{"label":3}}""", new string[0])]
    [InlineData("""{"crowd-image-classifier":{"labels":"a"}}""", new string[0])]
    [InlineData("""{"crowd-image-classifier":null}""", new string[0])]
    public void Read_AnswerContent_ReturnsChosenLabels(string json, string[] expected)
    {
        Assert.Equal(expected, ClassificationAnswer.Read(JsonNode.Parse(json)!.AsObject()));
    }

    [Theory]
    [InlineData(TaskType.ImageClassification)]
    [InlineData(TaskType.TextClassification)]
    public void Validate_SingleLabelWithoutOrWithSeveralChoices_AsksForOne(TaskType type)
    {
        var descriptor = TaskTypes.Get(type);

        Assert.Equal("Choose exactly one label.", ClassificationAnswer.Validate(descriptor, Labels, []));
        Assert.Equal("Choose exactly one label.", ClassificationAnswer.Validate(descriptor, Labels, ["cat", "dog"]));
    }

    [Theory]
    [InlineData(TaskType.ImageClassification, new[] { "lion" }, "'lion' is not one of this job's labels.")]
    [InlineData(TaskType.TextClassification, new[] { "Cat" }, "'Cat' is not one of this job's labels.")]
    [InlineData(TaskType.ImageMultiLabelClassification, new[] { "cat", "lion", "tiger" }, "'lion' is not one of this job's labels.")]
    [InlineData(TaskType.TextMultiLabelClassification, new[] { "dog", "dog" }, "A label was chosen twice.")]
    public void Validate_BadChoice_ExplainsProblem(TaskType type, string[] chosen, string message)
    {
        Assert.Equal(message, ClassificationAnswer.Validate(TaskTypes.Get(type), Labels, chosen));
    }

    [Theory]
    [InlineData(TaskType.ImageMultiLabelClassification)]
    [InlineData(TaskType.TextMultiLabelClassification)]
    public void Validate_MultiLabelWithEveryOrNoLabel_ReturnsNull(TaskType type)
    {
        var descriptor = TaskTypes.Get(type);

        Assert.Null(ClassificationAnswer.Validate(descriptor, Labels, []));
        Assert.Null(ClassificationAnswer.Validate(descriptor, Labels, ["bird", "cat", "dog"]));
    }
}
