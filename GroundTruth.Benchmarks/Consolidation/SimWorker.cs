namespace GroundTruth.Bench;

/// <summary>A simulated worker.</summary>
internal sealed record SimWorker(string Id, bool Spammer, double Sigma, double MissRate, double ExtraRate, double LabelError);
