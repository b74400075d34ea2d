namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// Multi-label consolidation as one binary Dawid-Skene model per label: for label L, each worker who answered an
/// item either chose L or not, and EM estimates each worker's 2 x 2 confusion matrix for L (sensitivity and
/// specificity, smoothed toward the crowd's as in <see cref="DawidSkene"/>), the base rate of L, and for every item
/// the probability that L applies. A worker who answered an item but chose nothing counts as "not L" for every L.
/// </summary>
/// <remarks>
/// Source: Dawid and Skene (1979) applied label by label, the "binary relevance" reduction of multi-label
/// learning; AWS describes Ground Truth's multi-label consolidation as the same EM family run per label
/// (Developer Guide, "Annotation consolidation"). Labels are independent here: co-occurrence is not modelled.
/// </remarks>
/// <param name="options">Settings; <see langword="null"/> means <see cref="MultiLabelOptions.Default"/>.</param>
public sealed class MultiLabelConsolidator(MultiLabelOptions? options = null)
{
    private readonly MultiLabelOptions _options = Checked(options ?? MultiLabelOptions.Default);

    /// <summary>
    /// Consolidates a multi-label job: one decision per distinct item, in order of first appearance, each listing
    /// the reported labels in label order with the probability that each applies (0.00 for a single answer).
    /// </summary>
    /// <param name="answers">Every answer of the job.</param>
    /// <returns>One decision per answered item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="answers"/> is null.</exception>
    /// <exception cref="ArgumentException">An answer, one of its fields or one of its labels is null.</exception>
    public IReadOnlyList<MultiLabelDecision> Consolidate(IReadOnlyList<MultiLabelAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        int n = answers.Count;
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var workerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemOf = new int[n];
        var workerOf = new int[n];
        var chosen = new List<int>[n];
        for (int a = 0; a < n; a++)
        {
            MultiLabelAnswer answer = answers[a];
            if (answer?.ItemId is null || answer.WorkerId is null || answer.Labels is null)
            {
                throw new ArgumentException($"Answer {a} is null or has a null field.", nameof(answers));
            }

            itemOf[a] = AnswerTable.Intern(itemIndex, answer.ItemId);
            workerOf[a] = AnswerTable.Intern(workerIndex, answer.WorkerId);
            var labels = new List<int>(answer.Labels.Count);
            foreach (string label in answer.Labels)
            {
                if (label is null)
                {
                    throw new ArgumentException($"Answer {a} has a null label.", nameof(answers));
                }

                int raw = AnswerTable.Intern(labelIndex, label);
                if (!labels.Contains(raw))
                {
                    labels.Add(raw);
                }
            }

            chosen[a] = labels;
        }

        string[] labelOrder = LabelOrder.Arrange(labelIndex.Keys, _options.Model.LabelCategories);
        var rawToOrdered = new int[labelIndex.Count];
        for (int l = 0; l < labelOrder.Length; l++)
        {
            if (labelIndex.TryGetValue(labelOrder[l], out int raw))
            {
                rawToOrdered[raw] = l;
            }
        }

        // Group answers by item (stable counting sort) and list, per label, the grouped positions that chose it.
        int itemCount = itemIndex.Count;
        var itemStart = new int[itemCount + 1];
        foreach (int item in itemOf)
        {
            itemStart[item + 1]++;
        }

        for (int i = 0; i < itemCount; i++)
        {
            itemStart[i + 1] += itemStart[i];
        }

        var next = new int[itemCount];
        Array.Copy(itemStart, next, itemCount);
        var worker = new int[n];
        var positions = new List<int>[labelOrder.Length];
        for (int l = 0; l < positions.Length; l++)
        {
            positions[l] = [];
        }

        for (int a = 0; a < n; a++)
        {
            int slot = next[itemOf[a]]++;
            worker[slot] = workerOf[a];
            foreach (int raw in chosen[a])
            {
                positions[rawToOrdered[raw]].Add(slot);
            }
        }

        var itemOfSlot = new int[n];
        for (int i = 0; i < itemCount; i++)
        {
            Array.Fill(itemOfSlot, i, itemStart[i], itemStart[i + 1] - itemStart[i]);
        }

        var perItem = new List<LabelConfidence>[itemCount];
        for (int i = 0; i < itemCount; i++)
        {
            perItem[i] = [];
        }

        var isChosen = new int[n];
        var chosenBy = new int[itemCount];
        for (int l = 0; l < labelOrder.Length; l++)
        {
            Array.Clear(isChosen);
            Array.Clear(chosenBy);
            foreach (int slot in positions[l])
            {
                isChosen[slot] = 1;
                chosenBy[itemOfSlot[slot]]++;
            }

            EmFit fit = ConfusionEm.Fit(
                itemCount,
                itemStart,
                workerIndex.Count,
                worker,
                isChosen,
                2,
                WorkerModel.ConfusionMatrix,
                Estimation.MaximumAPosteriori,
                _options.Model);
            for (int i = 0; i < itemCount; i++)
            {
                double p = fit.Posterior[(2 * i) + 1];
                bool report = _options.Rule == MultiLabelRule.ChosenByAnyWorker ? chosenBy[i] > 0 : p >= 0.5;
                if (report)
                {
                    int count = itemStart[i + 1] - itemStart[i];
                    perItem[i].Add(new LabelConfidence(labelOrder[l], ConfidenceRounding.Round(p, count)));
                }
            }
        }

        string[] itemIds = AnswerTable.Keys(itemIndex);
        var decisions = new MultiLabelDecision[itemCount];
        for (int i = 0; i < itemCount; i++)
        {
            decisions[i] = new MultiLabelDecision(itemIds[i], perItem[i]);
        }

        return decisions;
    }

    private static MultiLabelOptions Checked(MultiLabelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Model, nameof(options));
        options.Model.Validate();
        return options;
    }
}
