using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>What a requester chooses when re-running consolidation.</summary>
/// <param name="Method">For classification <c>mv</c>, <c>ds</c>, <c>onecoin</c> or <c>bcc</c>; for shapes and entities
/// <c>weighted</c> (worker reliability learned across the job) or <c>equal</c> (every worker weighs the same).</param>
/// <param name="MaxIterations">EM iteration cap (for <c>weighted</c>, the cap on re-weighting rounds).</param>
/// <param name="PriorStrength">Dirichlet smoothing strength (pseudo-answers per class); 0 is classical Dawid-Skene.</param>
public sealed record ConsolidationSettings(string Method = "ds", int MaxIterations = 100, double PriorStrength = 2.0)
{
    /// <summary>The methods a run of a classification job may use.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["mv", "ds", "onecoin", "bcc"];

    /// <summary>The methods a run of a shape or entity job may use.</summary>
    public static IReadOnlyList<string> ShapeMethods { get; } = ["weighted", "equal"];

    /// <summary>The methods a run of a job of <paramref name="type"/> may use.</summary>
    public static IReadOnlyList<string> MethodsFor(TaskTypeDescriptor type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.PaintsMask ? [] : ClassifiesWholeObjects(type) ? Methods : ShapeMethods;
    }

    /// <summary>Whether each answer is one or more classes for the whole object (classification, label verification).</summary>
    public static bool ClassifiesWholeObjects(TaskTypeDescriptor type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.WorkerUi is WorkerUi.Classification or WorkerUi.LabelVerification;
    }

    /// <summary>Checks the settings for a job of <paramref name="type"/>; an empty list means they are usable.</summary>
    public IReadOnlyList<string> Validate(TaskTypeDescriptor type)
    {
        var methods = MethodsFor(type);
        if (methods.Count == 0)
        {
            return [$"Job-wide re-runs are not available for {type.DisplayName}: each image's masks are voted as its answers arrive."];
        }

        var errors = Validate().Where(e => !e.StartsWith("Method ", StringComparison.Ordinal)).ToList();
        if (!methods.Contains(Method))
        {
            errors.Insert(0, $"Method '{Method}' is not one of {string.Join(", ", methods)} for {type.DisplayName}.");
        }

        return errors;
    }

    /// <summary>The EM options these settings stand for.</summary>
    public DawidSkeneOptions ToOptions() => DawidSkeneOptions.Default with { MaxIterations = MaxIterations, PriorStrength = PriorStrength };

    /// <summary>Checks the settings; an empty list means they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Methods.Contains(Method))
        {
            errors.Add($"Method '{Method}' is not one of {string.Join(", ", Methods)}.");
        }

        if (MaxIterations is < 1 or > 10_000)
        {
            errors.Add("Use 1–10,000 iterations.");
        }

        if (PriorStrength is < 0 or > 1000 || double.IsNaN(PriorStrength))
        {
            errors.Add("Use a smoothing strength from 0 to 1,000.");
        }

        return errors;
    }
}
