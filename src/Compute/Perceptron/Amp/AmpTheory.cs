using Compute.Perceptron.Theory;

namespace Compute.Perceptron.Amp;

/// <summary>
/// The theory side of a <c>perceptron.amp</c> run: state evolution at every α of the grid (fixed point and the first
/// iterations), on a dense grid for the curves, the Bayes-optimal overlap, and for the ±1 teacher both thresholds.
/// </summary>
internal sealed record AmpTheory(
    double[] FixedPoint, double[][] Trajectories, double[] Grid, double[] GridAmp, double[] GridOptimal,
    double? InformationTheoretic, double? Algorithmic)
{
    private const int GridPoints = 60;

    public static AmpTheory Compute(AmpParameters p, double[] alphas)
    {
        double? algorithmic = null, informationTheoretic = null;
        if (p.Prior == AmpPrior.Binary)
            (informationTheoretic, algorithmic) = AmpStateEvolution.BinaryTeacherThresholds;
        var fixedPoint = alphas.Select(a => AmpStateEvolution.FixedPoint(p.Prior, a)).ToArray();
        var trajectories = alphas.Select(a => AmpStateEvolution.Trajectory(p.Prior, a, p.Iterations)).ToArray();
        var top = Math.Max(p.AlphaMax, 1.1 * (algorithmic ?? 0));
        var grid = Enumerable.Range(1, GridPoints).Select(i => top * i / GridPoints).ToArray();
        var gridAmp = grid.Select(a => AmpStateEvolution.FixedPoint(p.Prior, a)).ToArray();
        var gridOptimal = p.Prior == AmpPrior.Binary
            ? grid.Select((a, i) => a > informationTheoretic ? 1 : gridAmp[i]).ToArray()
            : grid.Select(a => VersionSpaceTheory.Overlap(a)).ToArray();
        return new AmpTheory(fixedPoint, trajectories, grid, gridAmp, gridOptimal, informationTheoretic, algorithmic);
    }
}
