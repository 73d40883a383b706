using Compute.Numerics;
using Compute.Numerics.Stats;

namespace Compute.Flows.Van;

/// <summary>
/// Neural importance sampling from log-weights ln w = −βE − ln q of samples drawn from q:
/// ln Ẑ = ln mean(w) (biased low at finite N, by Jensen), the normalized effective sample size
/// ESS = (Σw)²/(N Σw²) ∈ (0, 1], and the delta-method error of ln Ẑ, √((1/ESS − 1)/N)
/// (the relative standard error of mean(w), since Var(w)/mean(w)² = N Σw²/(Σw)² − 1).
/// Ref: Nicoli et al., PRE 101, 023304 (2020).
/// </summary>
public static class ImportanceWeights
{
    public static (double LogMean, double LogMeanError, double Ess) LogMeanAndEss(ReadOnlySpan<double> logWeights)
    {
        var n = logWeights.Length;
        var ess = Statistics.EffectiveSampleSizeFromLogWeights(logWeights);
        return (Special.LogSumExp(logWeights) - Math.Log(n), Math.Sqrt(Math.Max(0, 1 / ess - 1) / n), ess);
    }
}
