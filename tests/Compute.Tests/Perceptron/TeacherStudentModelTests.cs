using Compute.Perceptron;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron;

public class TeacherStudentModelTests
{
    private static readonly TeacherStudentModel Model = new();

    [Theory]
    // Each rule with a replica curve, at two α, N = 100-150, fixed seeds: simulated ε within 3σ of theory.
    // (At N = 150 and small α the O(1/N) bias of Hebb and pseudo-inverse is already ~3σ of 200 samples, hence N = 300 there.)
    [InlineData("hebb", 3.0, 300, 16, 11)]
    [InlineData("gibbs", 3.0, 100, 16, 12)]
    [InlineData("adatron", 3.0, 100, 16, 13)]
    [InlineData("pseudo-inverse", 0.8, 300, 16, 14)]
    public void Run_RuleWithReplicaCurve_AgreesWithTheoryAtTwoAlphas(string rule, double alphaMax, int n, int samples, long seed)
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, seed,
            ("rule", rule), ("N", n), ("alphaMax", alphaMax), ("alphaPoints", 2), ("samples", samples), ("gibbsSweeps", 150), ("epochs", 3000), ("testSize", 3000)));
        var eps = result.Series.Single(s => s.Name == "epsilon");
        Func<double, double> theory = rule switch
        {
            "hebb" => HebbTheory.GeneralizationError,
            "gibbs" => VersionSpaceTheory.GibbsError,
            "adatron" => MaximalStabilityTheory.GeneralizationError,
            _ => PseudoInverseTheory.GeneralizationError,
        };
        for (var i = 0; i < eps.X.Length; i++)
        {
            var expected = theory(eps.X[i]);
            Assert.True(Math.Abs(eps.Y[i] - expected) <= 3 * eps.Error![i], $"{rule}, α = {eps.X[i]}: ε = {eps.Y[i]:0.0000} ± {eps.Error[i]:0.0000}, theory {expected:0.0000}");
        }
        Assert.Equal(3, result.Checks.Count);
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => c.Name)));
        Assert.Contains(result.Figures.Single(f => f.Id == "learning-curve").Traces, t => t.Role == Shared.Results.TraceRole.Theory && t.Name.StartsWith("theory: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_HebbWithLabelNoise_AgreesWithExactNoisyCurve()
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 15, ("rule", "hebb"), ("labelNoise", 0.2), ("N", 300), ("alphaMax", 6.0), ("alphaPoints", 2), ("samples", 16), ("testSize", 3000)));
        var eps = result.Series.Single(s => s.Name == "epsilon");
        for (var i = 0; i < eps.X.Length; i++)
        {
            var expected = HebbTheory.GeneralizationErrorWithLabelNoise(eps.X[i], 0.2);
            Assert.True(Math.Abs(eps.Y[i] - expected) <= 3 * eps.Error![i], $"α = {eps.X[i]}: ε = {eps.Y[i]:0.0000} ± {eps.Error[i]:0.0000}, exact {expected:0.0000}");
            // Noise costs accuracy: clearly above the noiseless curve.
            Assert.True(expected > HebbTheory.GeneralizationError(eps.X[i]) + 0.02);
        }
        Assert.True(result.AllChecksAgree);
    }

    [Theory]
    [InlineData("perceptron")]
    [InlineData("sgd-hinge")]
    [InlineData("sgd-logistic")]
    public void Run_RuleWithoutReplicaCurve_RespectsBayesBound(string rule)
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 5,
            ("rule", rule), ("N", 100), ("alphaMax", 3.0), ("alphaPoints", 2), ("samples", 10), ("epochs", 100)));
        Assert.Equal(2, result.Checks.Count(c => c.Name.StartsWith("ε ≥ Bayes", StringComparison.Ordinal)));
        Assert.True(result.AllChecksAgree);
        var eps = result.Series.Single(s => s.Name == "epsilon");
        // Every rule learns: well below chance, above the Bayes bound.
        Assert.All(eps.Y, e => Assert.InRange(e, 0.05, 0.35));
    }

    [Fact]
    public void Run_SbpiBinaryTeacherAboveGyorgyiThreshold_LearnsTeacher()
    {
        // α = 2 > 1.245: for binary teacher and student the training set pins down the teacher; SBPI solutions generalize.
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 6,
            ("rule", "sbpi"), ("student", "binary"), ("teacher", "binary"), ("inputs", "binary"), ("N", 101), ("alphaMax", 2.0), ("alphaPoints", 1), ("samples", 6), ("epochs", 2000)));
        Assert.True(result.Metrics.Single(m => m.Name == "epsilon_final").Value < 0.1);
        Assert.Contains(result.Figures[0].Markers, m => m.X == BinaryPerceptronTheory.PerfectGeneralizationAlpha);
    }

    [Fact]
    public void Run_ClippedPerceptronGaussian_MeasuredErrorMatchesArccosR()
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 8,
            ("rule", "clipped-perceptron"), ("student", "binary"), ("N", 101), ("alphaMax", 1.0), ("alphaPoints", 1), ("samples", 8), ("epochs", 50)));
        var check = Assert.Single(result.Checks);
        Assert.True(check.Agrees, $"{check.Simulated} ± {check.Error}");
    }

    [Theory]
    [InlineData("rule", "gibbs", "student", "binary", "version space")]
    [InlineData("rule", "pseudo-inverse", "student", "binary", "±1")]
    [InlineData("rule", "adatron", "student", "binary", "maximal")]
    [InlineData("rule", "sbpi", "student", "spherical", "binary weights")]
    [InlineData("rule", "clipped-perceptron", "student", "spherical", "binary weights")]
    [InlineData("alphaMax", "pseudo-inverse", "alphaMax", 2.0, "P < N")]
    [InlineData("labelNoise", "gibbs", "labelNoise", 0.1, "version space")]
    [InlineData("labelNoise", "adatron", "labelNoise", 0.1, "separable")]
    public void Validate_InapplicableCombination_NamesFieldAndReason(string field, string rule, string otherName, object otherValue, string reason)
    {
        var errors = ModelRunner.Errors(Model, 1, out var spec, ("rule", rule), (otherName, otherValue));
        Assert.Null(spec);
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Validate_AbsurdWork_NamesN()
    {
        var errors = ModelRunner.Errors(Model, 1, out _, ("rule", "perceptron"), ("N", 5000), ("alphaMax", 50.0), ("samples", 500), ("epochs", 100_000));
        Assert.Contains(errors, e => e.Field == "N" && e.Message.Contains("limit"));
    }
}
