using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Bench;

/// <summary>Synthetic bounding-box jobs: true boxes, a worker pool with size-proportional noise, misses, extras and spammers.</summary>
internal sealed class BoxSimulation
{
    public const double ImageWidth = 1000;
    public const double ImageHeight = 800;
    private static readonly string[] Labels = ["car", "person", "dog"];

    private readonly Random _random;

    public BoxSimulation(int seed) => _random = new Random(seed);

    public List<SimWorker> Pool { get; } = [];

    public void CreatePool(int honest, int spammers)
    {
        for (var i = 0; i < honest; i++)
        {
            Pool.Add(new SimWorker($"w{i:D2}", false, 0.02 + (0.08 * _random.NextDouble()), 0.02 + (0.13 * _random.NextDouble()), 0.10, 0.03));
        }

        for (var i = 0; i < spammers; i++)
        {
            Pool.Add(new SimWorker($"spam{i}", true, 0, 0, 0, 0));
        }
    }

    public Box[] TrueBoxes(int count)
    {
        var boxes = new Box[count];
        for (var i = 0; i < count; i++)
        {
            boxes[i] = RandomBox(Labels[_random.Next(Labels.Length)]);
        }

        return boxes;
    }

    public WorkerAnnotations<Box>[] Answers(Box[] truth, int workersPerImage)
    {
        var chosen = new List<SimWorker>(Pool);
        var answers = new WorkerAnnotations<Box>[workersPerImage];
        for (var k = 0; k < workersPerImage; k++)
        {
            var pick = _random.Next(chosen.Count);
            var worker = chosen[pick];
            chosen.RemoveAt(pick);
            answers[k] = new WorkerAnnotations<Box>(worker.Id, Draw(worker, truth));
        }

        return answers;
    }

    public WorkerAnnotations<Box>[] NoisyCopies(Box[] truth, int workers, double sigma)
    {
        var answers = new WorkerAnnotations<Box>[workers];
        for (var k = 0; k < workers; k++)
        {
            var boxes = new Box[truth.Length];
            for (var i = 0; i < truth.Length; i++)
            {
                boxes[i] = Jitter(truth[i], sigma);
            }

            answers[k] = new WorkerAnnotations<Box>($"w{k}", boxes);
        }

        return answers;
    }

    private Box[] Draw(SimWorker worker, Box[] truth)
    {
        var boxes = new List<Box>();
        if (worker.Spammer)
        {
            var n = _random.Next(0, truth.Length + 3);
            for (var i = 0; i < n; i++)
            {
                boxes.Add(RandomBox(Labels[_random.Next(Labels.Length)]));
            }

            return [.. boxes];
        }

        foreach (var t in truth)
        {
            if (_random.NextDouble() < worker.MissRate)
            {
                continue;
            }

            var b = Jitter(t, worker.Sigma);
            if (_random.NextDouble() < worker.LabelError)
            {
                b = b with { Label = Labels[_random.Next(Labels.Length)] };
            }

            boxes.Add(b);
        }

        if (_random.NextDouble() < worker.ExtraRate)
        {
            boxes.Add(RandomBox(Labels[_random.Next(Labels.Length)]));
        }

        // Workers draw in arbitrary order.
        for (var i = boxes.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (boxes[i], boxes[j]) = (boxes[j], boxes[i]);
        }

        return [.. boxes];
    }

    private Box Jitter(Box t, double sigma)
    {
        var l = t.Left + (Gaussian() * sigma * t.Width);
        var r = t.Right + (Gaussian() * sigma * t.Width);
        var top = t.Top + (Gaussian() * sigma * t.Height);
        var btm = t.Bottom + (Gaussian() * sigma * t.Height);
        if (r < l + 1)
        {
            r = l + 1;
        }

        if (btm < top + 1)
        {
            btm = top + 1;
        }

        return new Box(t.Label, l, top, r - l, btm - top);
    }

    private Box RandomBox(string label)
    {
        var w = 30 + (270 * _random.NextDouble());
        var h = 30 + (270 * _random.NextDouble());
        return new Box(label, _random.NextDouble() * (ImageWidth - w), _random.NextDouble() * (ImageHeight - h), w, h);
    }

    private double Gaussian()
    {
        // Box–Muller.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
