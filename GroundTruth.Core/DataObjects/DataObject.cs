namespace GroundTruth.Core.DataObjects;

/// <summary>One line of a job's input manifest and its labeling state.</summary>
public sealed class DataObject
{
    /// <summary>Database identity.</summary>
    public long Id { get; set; }

    /// <summary>The job the object belongs to.</summary>
    public Guid JobId { get; set; }

    /// <summary>The 0-based line index in the input manifest (Ground Truth's <c>datasetObjectId</c>).</summary>
    public long DatasetObjectId { get; set; }

    /// <summary>The input line verbatim, so extra keys pass through to the output unchanged.</summary>
    public required string ManifestLine { get; set; }

    /// <summary>The <c>source-ref</c> (storage key of a file) or <c>source</c> (the text).</summary>
    public required string Source { get; set; }

    /// <summary>Image width in pixels after EXIF orientation, for image objects.</summary>
    public int? Width { get; set; }

    /// <summary>Image height in pixels after EXIF orientation, for image objects.</summary>
    public int? Height { get; set; }

    /// <summary>Labeling state.</summary>
    public DataObjectStatus Status { get; set; }

    /// <summary>Assignments that are live or submitted; never more than the job's workers per object.</summary>
    public int ClaimedSlots { get; set; }

    /// <summary>Workers asked for beyond the job's workers per object, when a requester sends the object back for review.</summary>
    public int ExtraWorkers { get; set; }

    /// <summary>Submitted answers.</summary>
    public int ResponseCount { get; set; }

    /// <summary>Workers who declined this object.</summary>
    public int DeclineCount { get; set; }

    /// <summary>After this instant an object nobody has answered fails (availability lifetime).</summary>
    public DateTimeOffset AvailableUntil { get; set; }

    /// <summary>The consolidated label value as JSON, once labeled.</summary>
    public string? LabelJson { get; set; }

    /// <summary>The complete <c>-metadata</c> object as JSON, once labeled.</summary>
    public string? MetadataJson { get; set; }

    /// <summary>When the object was labeled or failed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why the object failed, when it did.</summary>
    public string? FailureReason { get; set; }
}
