using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Bench;

/// <summary>Accumulates precision, recall and matched IoU of predicted boxes against truth (IoU ≥ 0.5, same label).</summary>
internal sealed class BoxScore
{
    private const double Forbidden = 1e6;

    public int TruePositives { get; private set; }

    public int Predicted { get; private set; }

    public int Truth { get; private set; }

    public double IouSum { get; private set; }

    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;

    public double Recall => Truth == 0 ? 0 : (double)TruePositives / Truth;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double MeanIou => TruePositives == 0 ? 0 : IouSum / TruePositives;

    public void Add(IReadOnlyList<Box> predicted, IReadOnlyList<Box> truth)
    {
        Predicted += predicted.Count;
        Truth += truth.Count;
        if (predicted.Count == 0 || truth.Count == 0)
        {
            return;
        }

        int n = predicted.Count, m = truth.Count;
        var cost = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var iou = predicted[i].Label == truth[j].Label ? Box.Iou(predicted[i], truth[j]) : 0;
                cost[(i * m) + j] = iou >= 0.5 ? 1 - iou : Forbidden;
            }
        }

        var assign = new int[n];
        HungarianAssignment.Solve(cost, n, m, assign, Forbidden);
        for (var i = 0; i < n; i++)
        {
            if (assign[i] >= 0)
            {
                TruePositives++;
                IouSum += 1 - cost[(i * m) + assign[i]];
            }
        }
    }
}
