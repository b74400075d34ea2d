namespace GroundTruth.Core.Review;

/// <summary>
/// How a task type works on an earlier job's labels, which arrive in the input manifest under the attribute the job
/// names (Ground Truth's label verification and adjustment jobs, chained on an earlier output manifest [DG:sms-verification-data]).
/// </summary>
public enum ReviewKind
{
    /// <summary>An ordinary task: workers start from nothing.</summary>
    None,

    /// <summary>Workers judge the earlier labels, shown read-only, by choosing a verification category.</summary>
    Verification,

    /// <summary>Workers start from the earlier labels and edit them.</summary>
    Adjustment,
}
