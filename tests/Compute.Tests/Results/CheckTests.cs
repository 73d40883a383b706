using Shared.Results;

namespace Compute.Tests.Results;

public class CheckTests
{
    [Theory]
    [InlineData(1.29, 0.1, 1.0, 0.0, Verdict.Agrees)]
    [InlineData(1.31, 0.1, 1.0, 0.0, Verdict.Disagrees)]
    [InlineData(0.69, 0.1, 1.0, 0.02, Verdict.Agrees)]
    [InlineData(0.67, 0.1, 1.0, 0.02, Verdict.Disagrees)]
    [InlineData(1.0, 0.0, 1.0, 0.0, Verdict.Agrees)]
    [InlineData(1.0, double.NaN, 1.0, 0.0, Verdict.LowStatistics)]
    [InlineData(double.NaN, 0.1, 1.0, 0.0, Verdict.Disagrees)]
    public void WithinSigma_DecidesByThreeSigmaPlusAllowance(double simulated, double error, double reference, double allowance, Verdict expected)
    {
        var c = Check.WithinSigma("x", simulated, error, reference, "src", allowance: allowance);
        Assert.Equal(expected, c.Verdict);
        Assert.Equal(expected == Verdict.Agrees, c.Agrees);
        Assert.Equal(expected == Verdict.LowStatistics, c.IsWarning);
        Assert.Null(c.Margin);
    }

    [Fact]
    public void Bound_AtLeast_HoldsWithinThreeSigmaBelowAndShowsTheMargin()
    {
        var inside = Check.Bound("ε ≥ bound", 0.30, 0.01, 0.25, BoundSide.AtLeast, "src");
        Assert.Equal(Verdict.BoundSatisfied, inside.Verdict);
        Assert.Equal(0.05, inside.Margin!.Value, 12);
        Assert.True(inside.Agrees);
        Assert.Equal(Verdict.BoundSatisfied, Check.Bound("b", 0.221, 0.01, 0.25, BoundSide.AtLeast, "src").Verdict);
        var below = Check.Bound("b", 0.219, 0.01, 0.25, BoundSide.AtLeast, "src");
        Assert.Equal(Verdict.BoundViolated, below.Verdict);
        Assert.True(below.Margin < 0);
        Assert.Contains("simulated ≥ bound − 3σ", below.Criterion);
    }

    [Fact]
    public void Bound_AtMostWithoutSigma_IsAPlainInequality()
    {
        Assert.Equal(Verdict.BoundSatisfied, Check.Bound("g", 1e-6, 0, 1e-5, BoundSide.AtMost, "src", sigmas: 0).Verdict);
        var over = Check.Bound("g", 2e-5, 0, 1e-5, BoundSide.AtMost, "src", sigmas: 0);
        Assert.Equal(Verdict.BoundViolated, over.Verdict);
        Assert.Equal(-1e-5, over.Margin!.Value, 15);
        Assert.Equal("simulated ≤ bound", over.Criterion);
    }

    [Fact]
    public void Bound_NegativeSigmas_RequiresASignificantExcess()
    {
        Assert.Equal(Verdict.BoundViolated, Check.Bound("gain", 0.25, 0.1, 0, BoundSide.AtLeast, "src", sigmas: -3).Verdict);
        var clear = Check.Bound("gain", 0.35, 0.1, 0, BoundSide.AtLeast, "src", sigmas: -3);
        Assert.Equal(Verdict.BoundSatisfied, clear.Verdict);
        Assert.Contains("simulated ≥ bound + 3σ", clear.Criterion);
    }

    [Fact]
    public void Chi2_AgreesUpToDofPlusThreeStandardDeviations()
    {
        // dof = 8: limit 8 + 3·4 = 20.
        Assert.Equal(Verdict.Agrees, Check.Chi2("χ²", 19.9, 8, "src").Verdict);
        Assert.Equal(Verdict.Disagrees, Check.Chi2("χ²", 20.1, 8, "src").Verdict);
        Assert.Equal(4, Check.Chi2("χ²", 1, 8, "src").Error, 12);
    }

    [Fact]
    public void Tolerance_IsAFixedAbsoluteTolerance()
    {
        Assert.Equal(Verdict.Agrees, Check.Tolerance("t", 2.0000004, 2, 5e-7, "src").Verdict);
        Assert.Equal(Verdict.Disagrees, Check.Tolerance("t", 2.0000006, 2, 5e-7, "src").Verdict);
    }

    [Fact]
    public void Unless_TurnsOnlyAFailingCheckIntoTheWarning()
    {
        var failing = Check.WithinSigma("e", 1.5, 0.1, 1.0, "src");
        var warned = failing.Unless(false, Verdict.NotEquilibrated, "increase the warm-up");
        Assert.Equal(Verdict.NotEquilibrated, warned.Verdict);
        Assert.Equal("increase the warm-up", warned.Advice);
        Assert.False(warned.Agrees);
        Assert.True(warned.IsWarning);
        Assert.Same(failing, failing.Unless(true, Verdict.NotEquilibrated, "x"));
        var passing = Check.WithinSigma("e", 1.0, 0.1, 1.0, "src");
        Assert.Same(passing, passing.Unless(false, Verdict.NotEquilibrated, "x"));
    }

    [Fact]
    public void Check_WithoutAVerdict_DoesNotPass() => Assert.False(new Check { Name = "unset" }.Agrees);

    [Fact]
    public void AllChecksAgree_AnyWarning_IsNotAnUnqualifiedSuccess()
    {
        var ok = Check.WithinSigma("a", 1, 0.1, 1, "src");
        var doc = new ResultDocument { ModelType = "t", Checks = [ok, Check.Bound("b", 1, 0.1, 0, BoundSide.AtLeast, "src")] };
        Assert.True(doc.AllChecksAgree);
        Assert.False((doc with { Checks = [ok, ok with { Verdict = Verdict.NotEquilibrated }] }).AllChecksAgree);
        Assert.False((doc with { Checks = [ok, ok with { Verdict = Verdict.LowStatistics }] }).AllChecksAgree);
        Assert.False((doc with { Checks = [] }).AllChecksAgree);
    }

    [Fact]
    public void Json_RoundTripsTheVerdictAndWritesAgreesForOlderReaders()
    {
        var check = Check.Bound("b", 0.2, 0.01, 0.25, BoundSide.AtLeast, "src") with { Advice = "run longer" };
        var json = ResultJson.Serialize(new ResultDocument { ModelType = "t", Checks = [check] });
        Assert.Contains("\"verdict\":\"boundViolated\"", json);
        Assert.Contains("\"agrees\":false", json);
        var back = ResultJson.Deserialize(json).Checks.Single();
        Assert.Equal(check, back);
        Assert.Equal(Verdict.BoundViolated, back.Verdict);
        Assert.Equal(-0.05, back.Margin!.Value, 12);
        var passing = Check.WithinSigma("w", 1, 0.1, 1.05, "src");
        Assert.Equal(passing, ResultJson.Deserialize(ResultJson.Serialize(new ResultDocument { ModelType = "t", Checks = [passing] })).Checks.Single());
    }

    [Theory]
    [InlineData(true, Verdict.Agrees)]
    [InlineData(false, Verdict.Disagrees)]
    public void Json_DocumentStoredBeforeVerdicts_ReadsItsBooleanAsTheVerdict(bool agrees, Verdict expected)
    {
        var stored = "{\"modelType\":\"ebm.sk\",\"checks\":[{\"name\":\"E_J⟨H⟩/N\",\"simulated\":-0.5,\"error\":0.01,\"reference\":-0.49,\"agrees\":" +
                     (agrees ? "true" : "false") + ",\"criterion\":\"|residual| ≤ 3σ\",\"referenceSource\":\"identity\",\"deviation\":-0.01}]}";
        var doc = ResultJson.Deserialize(stored);
        var check = doc.Checks.Single();
        Assert.Equal(expected, check.Verdict);
        Assert.Equal(agrees, check.Agrees);
        Assert.Equal(agrees, doc.AllChecksAgree);
        Assert.Equal(CheckKind.WithinSigma, check.Kind);
        Assert.Equal("|residual| ≤ 3σ", check.Criterion);
    }
}
