using System.Text.Json;
using System.Text.Json.Nodes;
using Bunit;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Tests.TestSupport;

namespace GroundTruth.Tests.Portal.Features.Labeling;

public sealed class SpanTaskTests : PortalTestContext
{
    private const string ModulePath = "./Features/Labeling/SpanTask.razor.js";

    private static TaskForWorker Task(string? draft = null, string? preAnnotations = null) => new(
        7, Guid.NewGuid(), "ner", TaskType.NamedEntityRecognition, [new("person", "PER"), new("place")],
        "Mark people.", "", [], [], 42, "Ada flew to Paris.", null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5))
    {
        ManifestLine = """{"source":"Ada flew to Paris.","prior":{"annotations":{"entities":[{"label":"place","startOffset":12,"endOffset":17}]}}}""",
        PreAnnotationsAttribute = preAnnotations,
        DraftJson = draft,
    };

    private static JsonElement CreateOptions(IRenderedComponent<SpanTask> cut, BunitJSModuleInterop module)
    {
        cut.WaitForState(() => module.Invocations.Any(i => i.Identifier == "create"));
        var create = module.Invocations.Single(i => i.Identifier == "create");
        return JsonSerializer.SerializeToElement(create.Arguments[2], JsonSerializerOptions.Web);
    }

    [Fact]
    public void Create_WithPreAnnotationsAndNoDraft_StartsFromPreAnnotations()
    {
        var module = JSInterop.SetupModule(ModulePath);
        var cut = Render<SpanTask>(p => p.Add(c => c.Task, Task(preAnnotations: "prior")));

        var options = CreateOptions(cut, module);

        Assert.Equal("Ada flew to Paris.", options.GetProperty("text").GetString());
        Assert.Equal("""[{"label":"person","shortDisplayName":"PER"},{"label":"place","shortDisplayName":null}]""", options.GetProperty("labels").GetRawText());
        Assert.Equal("""[{"label":"place","startOffset":12,"endOffset":17}]""", options.GetProperty("initialValue").GetRawText());
    }

    [Fact]
    public void Create_WithDraft_StartsFromDraft()
    {
        var module = JSInterop.SetupModule(ModulePath);
        var cut = Render<SpanTask>(p => p.Add(c => c.Task, Task("""{"entities":[{"label":"person","startOffset":0,"endOffset":3}]}""", "prior")));

        Assert.Equal("""{"entities":[{"label":"person","startOffset":0,"endOffset":3}]}""", CreateOptions(cut, module).GetProperty("initialValue").GetRawText());
    }

    [Fact]
    public async Task SubmitAsync_FromAnnotator_WrapsResultInCrowdElement()
    {
        JSInterop.SetupModule(ModulePath);
        var submitted = new List<JsonObject>();
        var cut = Render<SpanTask>(p => p.Add(c => c.Task, Task()).Add(c => c.OnSubmit, a => submitted.Add(a)));

        await cut.InvokeAsync(() => cut.Instance.SubmitAsync(JsonSerializer.SerializeToElement(
            JsonNode.Parse("""{"entities":[{"label":"person","startOffset":0,"endOffset":3}]}"""))));

        Assert.Equal("""{"crowd-entity-annotation":{"entities":[{"label":"person","startOffset":0,"endOffset":3}]}}""", Assert.Single(submitted).ToJsonString());
    }

    [Fact]
    public async Task SaveDraftAsync_FromAnnotator_PassesJsonThrough()
    {
        JSInterop.SetupModule(ModulePath);
        var drafts = new List<string>();
        var cut = Render<SpanTask>(p => p.Add(c => c.Task, Task()).Add(c => c.OnDraft, d => drafts.Add(d)));

        await cut.InvokeAsync(() => cut.Instance.SaveDraftAsync(JsonSerializer.SerializeToElement(new { entities = Array.Empty<object>() })));

        Assert.Equal("""{"entities":[]}""", Assert.Single(drafts));
    }
}
