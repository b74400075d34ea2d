using Microsoft.AspNetCore.Components.Forms;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>A validated job form and the files chosen with it.</summary>
public sealed record JobFormSubmission(
    JobFormModel Model,
    IBrowserFile? Manifest,
    IReadOnlyList<IBrowserFile> DataFiles,
    IReadOnlyList<IBrowserFile> GoodExamples,
    IReadOnlyList<IBrowserFile> BadExamples);
