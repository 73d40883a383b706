namespace Compute.Perceptron.Theory;

/// <summary>
/// Cover's function-counting theorem: P points in general position in R^N, labelled at random, are linearly
/// separable by a hyperplane through the origin with probability
///   P_N(P) = 2^{1−P} Σ_{k=0}^{N−1} C(P−1, k),
/// exactly 1 for P ≤ N and exactly ½ at P = 2N for every N. Evaluated in log space (terms built from the ratio
/// C(P−1,k+1)/C(P−1,k) = (P−1−k)/(k+1) and summed by log-sum-exp) so that P of many thousands is fine.
/// Ref: Cover, IEEE Trans. Electron. Comput. EC-14, 326 (1965); Engel &amp; Van den Broeck (2001), §6.2.
/// </summary>
public static class CoverCounting
{
    public static double SeparableProbability(int n, int p)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), "N must be at least 1.");
        if (p < 0) throw new ArgumentOutOfRangeException(nameof(p), "P must be non-negative.");
        if (p <= n) return 1.0;
        var logTerm = -(p - 1) * Math.Log(2);
        var maxLog = logTerm;
        var sum = 1.0;
        for (var k = 0; k < n - 1; k++)
        {
            logTerm += Math.Log((double)(p - 1 - k) / (k + 1));
            // Running log-sum-exp with rescaling when a larger term appears.
            if (logTerm > maxLog)
            {
                sum = sum * Math.Exp(maxLog - logTerm) + 1;
                maxLog = logTerm;
            }
            else
            {
                sum += Math.Exp(logTerm - maxLog);
            }
        }
        return Math.Min(1.0, Math.Exp(maxLog + Math.Log(sum)));
    }
}
