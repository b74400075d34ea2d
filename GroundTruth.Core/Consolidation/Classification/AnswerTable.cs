namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// Single-label answers re-coded as dense integer indices and grouped by item (a CSR layout), so the algorithms'
/// inner loops touch only flat arrays. Items and workers keep the order of their first appearance; labels follow
/// <see cref="LabelOrder"/>, so label index order is tie-break order.
/// </summary>
internal sealed class AnswerTable
{
    private AnswerTable(
        string[] itemIds, string[] workerIds, string[] labels, int[] itemStart, int[] worker, int[] label)
    {
        ItemIds = itemIds;
        WorkerIds = workerIds;
        Labels = labels;
        ItemStart = itemStart;
        Worker = worker;
        Label = label;
    }

    /// <summary>Item ids by item index.</summary>
    public string[] ItemIds { get; }

    /// <summary>Worker ids by worker index.</summary>
    public string[] WorkerIds { get; }

    /// <summary>Labels by label index, in tie-break order.</summary>
    public string[] Labels { get; }

    /// <summary>Answers of item <c>i</c> are at positions <c>ItemStart[i]</c> to <c>ItemStart[i + 1] - 1</c>.</summary>
    public int[] ItemStart { get; }

    /// <summary>Worker index of each answer, grouped by item, input order within an item.</summary>
    public int[] Worker { get; }

    /// <summary>Label index of each answer, aligned with <see cref="Worker"/>.</summary>
    public int[] Label { get; }

    /// <summary>Number of distinct items.</summary>
    public int ItemCount => ItemIds.Length;

    /// <summary>Number of distinct workers.</summary>
    public int WorkerCount => WorkerIds.Length;

    /// <summary>Number of classes (labels seen plus unused categories).</summary>
    public int ClassCount => Labels.Length;

    /// <summary>Number of answers.</summary>
    public int AnswerCount => Worker.Length;

    /// <summary>Encodes <paramref name="answers"/>.</summary>
    /// <param name="answers">The job's answers.</param>
    /// <param name="labelCategories">Optional label categories that fix label order and add unused classes.</param>
    /// <returns>The encoded table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="answers"/> is null.</exception>
    /// <exception cref="ArgumentException">An answer or one of its fields is null.</exception>
    public static AnswerTable Create(IReadOnlyList<ClassAnswer> answers, IReadOnlyList<string>? labelCategories)
    {
        ArgumentNullException.ThrowIfNull(answers);
        int n = answers.Count;
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var workerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemOf = new int[n];
        var workerOf = new int[n];
        var rawLabelOf = new int[n];
        for (int a = 0; a < n; a++)
        {
            ClassAnswer answer = answers[a];
            if (answer?.ItemId is null || answer.WorkerId is null || answer.Label is null)
            {
                throw new ArgumentException($"Answer {a} is null or has a null field.", nameof(answers));
            }

            itemOf[a] = Intern(itemIndex, answer.ItemId);
            workerOf[a] = Intern(workerIndex, answer.WorkerId);
            rawLabelOf[a] = Intern(labelIndex, answer.Label);
        }

        string[] labels = LabelOrder.Arrange(labelIndex.Keys, labelCategories);
        var rawToOrdered = new int[labelIndex.Count];
        for (int l = 0; l < labels.Length; l++)
        {
            if (labelIndex.TryGetValue(labels[l], out int raw))
            {
                rawToOrdered[raw] = l;
            }
        }

        int itemCount = itemIndex.Count;
        var itemStart = new int[itemCount + 1];
        for (int a = 0; a < n; a++)
        {
            itemStart[itemOf[a] + 1]++;
        }

        for (int i = 0; i < itemCount; i++)
        {
            itemStart[i + 1] += itemStart[i];
        }

        var next = new int[itemCount];
        Array.Copy(itemStart, next, itemCount);
        var worker = new int[n];
        var label = new int[n];
        for (int a = 0; a < n; a++)
        {
            int slot = next[itemOf[a]]++;
            worker[slot] = workerOf[a];
            label[slot] = rawToOrdered[rawLabelOf[a]];
        }

        return new AnswerTable(Keys(itemIndex), Keys(workerIndex), labels, itemStart, worker, label);
    }

    /// <summary>Returns the index of <paramref name="key"/>, adding it with the next free index when new.</summary>
    internal static int Intern(Dictionary<string, int> index, string key)
    {
        if (!index.TryGetValue(key, out int value))
        {
            value = index.Count;
            index.Add(key, value);
        }

        return value;
    }

    /// <summary>Returns the keys of an index built by <see cref="Intern"/>, by index.</summary>
    internal static string[] Keys(Dictionary<string, int> index)
    {
        var keys = new string[index.Count];
        foreach (KeyValuePair<string, int> pair in index)
        {
            keys[pair.Value] = pair.Key;
        }

        return keys;
    }
}
