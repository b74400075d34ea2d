namespace GroundTruth.Core.Workforce;

/// <summary>Ground Truth's three workforces.</summary>
public enum WorkforceKind
{
    /// <summary>Employees and contractors organised in work teams.</summary>
    Private,

    /// <summary>A vendor company's workers, reached through a marketplace subscription.</summary>
    Vendor,

    /// <summary>The public crowd, paid per task.</summary>
    Public,
}
