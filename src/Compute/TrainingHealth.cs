using System.Globalization;
using Compute.Numerics.Stats;
using Shared.Results;

namespace Compute;

/// <summary>
/// Health checks of trained models and samplers: whether training converged (a likelihood that fell from its best, a
/// loss still falling) and whether a sampler gave enough effective samples for its error bars to mean anything. They
/// never read "disagrees with theory": a failure is <see cref="Verdict.NotConverged"/> or
/// <see cref="Verdict.LowStatistics"/> with what to change, so a run that diverged or under-sampled is never an
/// unqualified green even when its comparisons happen to pass.
/// </summary>
public static class TrainingHealth
{
    /// <summary>A loss curve shorter than this (in recorded points) is too short to judge a plateau; no check is made.</summary>
    public const int MinPlateauPoints = 20;

    /// <summary>
    /// The final value of a curve that training should raise (a log-likelihood) has not fallen from its best by more than
    /// 3σ plus <paramref name="relativeAllowance"/> of the gain up to the best. <paramref name="error"/> may be empty (exact values).
    /// </summary>
    public static Check NoDeclineFromBest(string name, ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> error,
        string xName, double relativeAllowance, string advice)
    {
        var best = 0;
        for (var i = 1; i < y.Length; i++)
            if (double.IsFinite(y[i]) && !(y[i] <= y[best])) best = i;
        var last = y.Length - 1;
        var sigma = error.IsEmpty ? 0 : Math.Sqrt(error[best] * error[best] + error[last] * error[last]);
        var allowance = relativeAllowance * Math.Abs(y[best] - y[0]);
        var check = Check.Bound(name, y[last], sigma, y[best], BoundSide.AtLeast, "the training curve itself",
            allowance: allowance, note: $"the best value, at {xName} {Format(x[best])}; allowance {Format(relativeAllowance * 100)} % of the gain up to it");
        return check.Agrees ? check : check with
        {
            Verdict = Verdict.NotConverged,
            Advice = $"Training diverged after {xName} {Format(x[best])}: the value fell from {Format(y[best])} to {Format(y[last])}. {advice}",
        };
    }

    /// <summary>
    /// A loss that training lowers has plateaued: the mean of the last fifth of the recorded curve is not below the
    /// fifth before it by more than 3σ (binning errors) plus 2 % of the whole decrease. Null when the curve is too short to judge.
    /// </summary>
    public static Check? LossPlateau(string name, ReadOnlySpan<double> loss, string advice)
    {
        var n = loss.Length;
        if (n < MinPlateauPoints) return null;
        var fifth = n / 5;
        var (before, beforeError, _) = Statistics.BinningError(loss[(n - 2 * fifth)..(n - fifth)]);
        var (final, finalError, _) = Statistics.BinningError(loss[(n - fifth)..]);
        var (start, _, _) = Statistics.BinningError(loss[..fifth]);
        var sigma = Math.Sqrt(beforeError * beforeError + finalError * finalError);
        var allowance = 0.02 * Math.Abs(start - final);
        var check = Check.Bound(name, final, sigma, before, BoundSide.AtLeast, "the training curve itself", allowance: allowance,
            note: "mean of the last fifth of training vs the fifth before; 2 % of the whole decrease allowed");
        return check.Agrees ? check : check with
        {
            Verdict = Verdict.NotConverged,
            Advice = $"The loss was still falling at the end of training ({Format(before)} → {Format(final)} over the last fifth). {advice}",
        };
    }

    /// <summary>
    /// At least <paramref name="minimum"/> of a sample-size figure (a normalized ESS, a count of effective samples):
    /// below it the error bars of the estimates built on it cannot be trusted.
    /// </summary>
    public static Check EnoughSamples(string name, double value, double minimum, string source, string advice)
    {
        var check = Check.Bound(name, value, 0, minimum, BoundSide.AtLeast, source, sigmas: 0);
        return check.Agrees ? check : check with { Verdict = Verdict.LowStatistics, Advice = advice };
    }

    private static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
