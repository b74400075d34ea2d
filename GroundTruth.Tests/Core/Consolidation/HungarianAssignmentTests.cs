using GroundTruth.Core.Consolidation;

namespace GroundTruth.Tests.Core.Consolidation;

public class HungarianAssignmentTests
{
    [Fact]
    public void Solve_SquareMatrix_FindsMinimumCost()
    {
        double[] cost = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        var assign = new int[3];

        HungarianAssignment.Solve(cost, 3, 3, assign);

        Assert.Equal(new[] { 1, 0, 2 }, assign);
    }

    [Fact]
    public void Solve_GreedyTrap_FindsGlobalOptimum()
    {
        // Greedy takes (0,0)=1 and is then forced into (1,1)=100; the optimum is 2 + 2.
        double[] cost = [1, 2, 2, 100];
        var assign = new int[2];

        HungarianAssignment.Solve(cost, 2, 2, assign);

        Assert.Equal(new[] { 1, 0 }, assign);
    }

    [Fact]
    public void Solve_MoreRowsThanColumns_LeavesCostliestRowUnassigned()
    {
        double[] cost = [5, 1, 9, 9, 2, 9];
        var assign = new int[3];

        HungarianAssignment.Solve(cost, 3, 2, assign);

        Assert.Equal(new[] { 1, -1, 0 }, assign);
    }

    [Fact]
    public void Solve_ForbiddenPair_ReportsNoMatch()
    {
        double[] cost = [0.2, 1e6, 1e6, 1e6];
        var assign = new int[2];

        HungarianAssignment.Solve(cost, 2, 2, assign, forbidden: 1e6);

        Assert.Equal(new[] { 0, -1 }, assign);
    }

    [Fact]
    public void SolveGreedy_SimpleMatrix_TakesCheapestPairsFirst()
    {
        double[] cost = [1, 2, 2, 100];
        var assign = new int[2];

        HungarianAssignment.SolveGreedy(cost, 2, 2, assign);

        Assert.Equal(new[] { 0, 1 }, assign);
    }

    [Fact]
    public void Solve_MatrixAboveGreedyThreshold_StillAssignsEveryRow()
    {
        const int n = 200;
        var cost = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                cost[(i * n) + j] = i == j ? 0 : 1 + ((i + j) % 7);
            }
        }

        var assign = new int[n];

        HungarianAssignment.Solve(cost, n, n, assign);

        Assert.Equal(Enumerable.Range(0, n), assign);
    }
}
