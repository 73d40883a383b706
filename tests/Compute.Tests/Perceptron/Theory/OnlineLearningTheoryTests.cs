using Compute.Perceptron;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Theory;

public class OnlineLearningTheoryTests
{
    [Fact]
    public void Hebb_FromZero_FollowsBatchHebbCurve()
    {
        // Exact solution R = η√(2/π) t, Q = η²(2t²/π + t): ρ(t) = √(2t/(2t+π)) for any η.
        double[] times = [0.5, 1, 4, 10];
        var (r, q) = OnlineLearningTheory.Integrate(OnlineRule.Hebb, 0.7, 0, 0, times);
        for (var i = 0; i < times.Length; i++)
        {
            Assert.Equal(0.7 * Math.Sqrt(2 / Math.PI) * times[i], r[i], 9);
            Assert.Equal(0.49 * (2 * times[i] * times[i] / Math.PI + times[i]), q[i], 8);
            Assert.Equal(HebbTheory.GeneralizationError(times[i]), OnlineLearningTheory.GeneralizationError(r[i], q[i]), 8);
        }
    }

    [Fact]
    public void Hinge_ZeroMargin_EqualsPerceptronRule()
    {
        double[] times = [1, 5];
        var p = OnlineLearningTheory.Integrate(OnlineRule.Perceptron, 1, 0, 1, times);
        var h = OnlineLearningTheory.Integrate(OnlineRule.Hinge, 1, 0, 1, times);
        for (var i = 0; i < times.Length; i++)
        {
            Assert.Equal(p.R[i], h.R[i], 7);
            Assert.Equal(p.Q[i], h.Q[i], 7);
        }
    }

    [Fact]
    public void Hinge_RatesAtGenericPoint_MatchClosedFormPerceptronAtZeroMargin()
    {
        Span<double> a = stackalloc double[2];
        Span<double> b = stackalloc double[2];
        OnlineLearningTheory.RightHandSide(OnlineRule.Perceptron, 0.8, 0, 0.9, 2.3, a);
        OnlineLearningTheory.RightHandSide(OnlineRule.Hinge, 0.8, 0, 0.9, 2.3, b);
        Assert.Equal(a[0], b[0], 10);
        Assert.Equal(a[1], b[1], 10);
    }

    [Fact]
    public void AdaTron_ScaleInvariant_NormalizedOverlapIndependentOfInitialNorm()
    {
        // f = −ηλθ(−yλ) is homogeneous in J, so ρ(t) does not depend on Q(0) (with R(0) = 0).
        double[] times = [2, 8];
        var a = OnlineLearningTheory.Integrate(OnlineRule.AdaTron, 1.5, 0, 1, times);
        var b = OnlineLearningTheory.Integrate(OnlineRule.AdaTron, 1.5, 0, 9, times);
        for (var i = 0; i < times.Length; i++)
            Assert.Equal(OnlineLearningTheory.NormalizedOverlap(a.R[i], a.Q[i]), OnlineLearningTheory.NormalizedOverlap(b.R[i], b.Q[i]), 8);
    }

    [Fact]
    public void ErrorDrivenRules_ZeroInitialStudent_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OnlineLearningTheory.Integrate(OnlineRule.Perceptron, 1, 0, 0, [1.0]));
}
