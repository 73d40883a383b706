using Compute.Perceptron;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron;

public class OnlineModelTests
{
    private static readonly OnlineModel Model = new();

    [Theory]
    [InlineData("perceptron", 1.0, 1.0)]
    [InlineData("adatron", 1.5, 1.0)]
    [InlineData("hebb", 1.0, 0.0)]
    public void Run_Rule_FollowsOdeWithinErrorBars(string rule, double eta, double q0)
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 21, ("rule", rule), ("learningRate", eta), ("q0", q0), ("N", 400), ("tMax", 6.0), ("checkpoints", 3), ("samples", 12)));
        var times = result.Series.Single(s => s.Name == "R").X;
        var (rTh, qTh) = OnlineLearningTheory.Integrate(Enum.Parse<OnlineRule>(rule, true), eta, 0, q0, times);
        var r = result.Series.Single(s => s.Name == "R");
        for (var i = 0; i < times.Length; i++)
            Assert.True(Math.Abs(r.Y[i] - rTh[i]) <= 3 * r.Error![i], $"t = {times[i]}: R = {r.Y[i]:0.0000} ± {r.Error[i]:0.0000}, ODE {rTh[i]:0.0000}");
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}")));
    }

    [Fact]
    public void Run_OnlineHebb_MatchesBatchHebbCurve()
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 22, ("rule", "hebb"), ("q0", 0.0), ("N", 300), ("tMax", 4.0), ("checkpoints", 2), ("samples", 12)));
        var eps = result.Series.Single(s => s.Name == "epsilon");
        for (var i = 0; i < eps.X.Length; i++)
            Assert.True(Math.Abs(eps.Y[i] - HebbTheory.GeneralizationError(eps.X[i])) <= 3 * eps.Error![i]);
    }

    [Fact]
    public void Validate_ZeroInitialStudentForErrorDrivenRule_NamesQ0()
    {
        var errors = ModelRunner.Errors(Model, 1, out var spec, ("rule", "perceptron"), ("q0", 0.0));
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Field == "q0" && e.Message.Contains("undefined"));
    }
}
