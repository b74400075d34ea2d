using System.Text.Json.Nodes;
using GroundTruth.Core.Manifests;

namespace GroundTruth.Core.Consolidation;

/// <summary>Completes task-specific metadata with the fields every Ground Truth label carries.</summary>
public static class LabelMetadata
{
    /// <summary>
    /// Returns a copy of <paramref name="specific"/> with <c>type</c>, <c>job-name</c> (written as
    /// <c>labeling-job/&lt;name&gt;</c>, as real jobs do), <c>human-annotated</c> and <c>creation-date</c>.
    /// </summary>
    public static JsonObject Complete(JsonObject specific, string outputType, string jobName, bool humanAnnotated, DateTimeOffset created)
    {
        var metadata = (JsonObject)specific.DeepClone();
        metadata["type"] = outputType;
        metadata["job-name"] = "labeling-job/" + jobName;
        metadata["human-annotated"] = humanAnnotated ? "yes" : "no";
        metadata["creation-date"] = GroundTruthDate.Format(created);
        return metadata;
    }
}
