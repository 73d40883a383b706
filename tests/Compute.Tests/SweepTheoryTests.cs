using Compute.EnergyModels.Hopfield;
using Compute.EnergyModels.Ising;
using Compute.EnergyModels.SpinGlass;
using Compute.Flows.Phi4;
using Compute.Perceptron;
using Shared.Results;

namespace Compute.Tests;

/// <summary>The theory the model types offer to sweeps, against the reference values of SCIENCE.md.</summary>
public class SweepTheoryTests
{
    private static SweepTheory Ask(string type, string metric, string x, double xMin, double xMax, string? y = null, double? yMin = null, double? yMax = null,
        params (string Name, object Value)[] parameters)
    {
        var model = (ISweepTheory)ModelRegistry.Find(type)!;
        return model.Theory(new SweepTheoryQuery(metric, x, y, Specs.Prepare(type, 1, parameters).Parameters, xMin, xMax, yMin, yMax));
    }

    private static double ValueAt(Trace t, double x) => t.Y[Array.FindIndex(t.X, v => Math.Abs(v - x) < 1e-12)];

    [Theory]
    [InlineData("hebb", 1.0, 0.285634)]
    [InlineData("hebb", 10.0, 0.120111)]
    [InlineData("gibbs", 1.0, 0.338359)]
    [InlineData("gibbs", 10.0, 0.061525)]
    public void TeacherStudent_EpsilonOverAlpha_IsTheRulesReplicaCurve(string rule, double alpha, double expected)
    {
        var theory = Ask(TeacherStudentModel.Id, "epsilon_final", "alphaMax", 1, 10, parameters: ("rule", rule));

        var curve = Assert.Single(theory.Curves);
        Assert.Equal(TraceRole.Theory, curve.Role);
        Assert.InRange(ValueAt(curve, alpha), expected - 1e-6, expected + 1e-6);
    }

    [Fact]
    public void TeacherStudent_RuleWithoutTheory_OffersNone_OtherParameter_None()
    {
        Assert.True(Ask(TeacherStudentModel.Id, "epsilon_final", "alphaMax", 1, 10, parameters: ("rule", "sgd-hinge")).IsEmpty);
        Assert.True(Ask(TeacherStudentModel.Id, "epsilon_final", "N", 50, 400).IsEmpty);
    }

    [Fact]
    public void TeacherStudent_MaximalStabilityAndPseudoInverse_HaveCurves()
    {
        Assert.Single(Ask(TeacherStudentModel.Id, "epsilon_final", "alphaMax", 0.5, 10, parameters: [("rule", "adatron"), ("alphaMax", 1.0)]).Curves);
        var pinv = Assert.Single(Ask(TeacherStudentModel.Id, "epsilon_final", "alphaMax", 0.1, 3, parameters: [("rule", "pseudo-inverse"), ("alphaMax", 0.5)]).Curves);
        // The pseudo-inverse theory holds below α = 1 only.
        Assert.True(pinv.X.Max() < 1);
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(0.5, 0.961205)]
    [InlineData(1.0, 0.519572)]
    public void Capacity_OverAlpha_MarksGardnersAlphaC(double kappa, double expected)
    {
        var theory = Ask(CapacityModel.Id, "chi2_N25", "alphaMax", 0.5, 3, parameters: ("kappa", kappa));

        Assert.InRange(Assert.Single(theory.Transitions).X, expected - 1e-6, expected + 1e-6);
    }

    [Fact]
    public void Capacity_SolvedFractionOverAlphaMax_IsCoversExactCurve_ForItsSize()
    {
        var theory = Ask(CapacityModel.Id, "solved_fraction_N50", "alphaMax", 1, 3);
        var cover = Assert.Single(theory.Curves);
        Assert.Equal("Cover P(α, N = 50) (exact)", cover.Name);
        // P = 2N patterns: exactly one half of the labellings are separable, C(2N, N)/2^{2N}·… = 1/2 (Cover 1965).
        Assert.Equal(0.5, ValueAt(cover, cover.X.First(x => Math.Abs(x - 2) < 1e-9 || CapacityParameters.PatternCount(x, 50) == 100)), 12);
        Assert.All(cover.X.Where(x => CapacityParameters.PatternCount(x, 50) <= 50), x => Assert.Equal(1.0, ValueAt(cover, x)));
        Assert.Equal(2, Assert.Single(theory.Transitions).X, 12);
        // Not where Cover's count does not hold, nor for another metric.
        Assert.Empty(Ask(CapacityModel.Id, "solved_fraction_N50", "alphaMax", 1, 3, parameters: ("kappa", 0.5)).Curves);
        Assert.Empty(Ask(CapacityModel.Id, "chi2_N50", "alphaMax", 1, 3).Curves);
    }

    [Fact]
    public void Capacity_PhaseDiagramOverAlphaAndKappa_DrawsTheGardnerLine()
    {
        var theory = Ask(CapacityModel.Id, "chi2_N25", "alphaMax", 0.5, 3, "kappa", 0, 1);

        var line = Assert.Single(theory.Curves);
        Assert.Equal(2.0, line.X[0], 5);
        Assert.Equal(0.519572, line.X[^1], 5);
        Assert.Equal([0.0, 1.0], new[] { line.Y[0], line.Y[^1] });
    }

    [Fact]
    public void Hopfield_OverLoad_MarksAgsCapacityAndDrawsRetrievalOverlap()
    {
        var theory = Ask(HopfieldModel.Id, "overlap_last", "alphaMax", 0.05, 0.2, parameters: ("temperature", 0.0));

        Assert.Equal(0.137906, Assert.Single(theory.Transitions).X, 5);
        var m = Assert.Single(theory.Curves);
        Assert.True(m.X.Max() <= 0.137906 + 1e-9);
        Assert.Equal(0.997999, HopfieldTheory.RetrievalOverlap(0.10), 5);
    }

    [Fact]
    public void Hopfield_PhaseDiagramOverLoadAndNoise_DrawsTheCapacityLine()
    {
        var theory = Ask(HopfieldModel.Id, "overlap_last", "alphaMax", 0.05, 0.2, "noise", 0, 0.3);

        var line = Assert.Single(theory.Curves);
        Assert.All(line.X, x => Assert.Equal(0.137906, x, 5));
        Assert.Equal([0.0, 0.3], line.Y);
    }

    [Theory]
    [InlineData("alphaMax", "temperature")]
    [InlineData("temperature", "alphaMin")]
    public void Hopfield_PhaseDiagramOverLoadAndTemperature_DrawsTheAgsLines(string x, string y)
    {
        var loadOnX = x != "temperature";
        var theory = loadOnX ? Ask(HopfieldModel.Id, "overlap_last", x, 0.01, 0.2, y, 0, 1.5) : Ask(HopfieldModel.Id, "overlap_last", x, 0, 1.5, y, 0.01, 0.2);
        Assert.Equal(3, theory.Curves.Count);
        var (tm, tc, tg) = (theory.Curves[0], theory.Curves[1], theory.Curves[2]);
        double[] Alpha(Trace t) => loadOnX ? t.X : t.Y;
        double[] T(Trace t) => loadOnX ? t.Y : t.X;
        Assert.StartsWith("T_M", tm.Name);
        // T = 0 ends: the AGS capacity and the ground-state load; T = 1 end: α = 0.
        Assert.Equal((HopfieldTheory.CriticalAlpha, 0.0), (Alpha(tm)[0], T(tm)[0]));
        Assert.Equal((HopfieldTheory.GroundStateAlpha, 0.0), (Alpha(tc)[0], T(tc)[0]));
        Assert.Equal((0.0, 1.0), (Alpha(tm)[^1], T(tm)[^1]));
        Assert.All(Alpha(tc).Zip(Alpha(tm)), p => Assert.True(p.First <= p.Second));
        Assert.Equal(1 + Math.Sqrt(0.2), T(tg)[^1], 12);
    }

    [Fact]
    public void Ising_OverBeta_MarksOnsagersBetaC_AndKaufmanCurvesForSingleBetaRuns()
    {
        var theory = Ask(IsingModel.Id, "energy_near_beta_c", "betaMin", 0.3, 0.6, parameters: [("betaPoints", 1), ("L", 8)]);

        Assert.Equal(0.4406868, Assert.Single(theory.Transitions).X, 6);
        Assert.Equal(2, theory.Curves.Count);
        Assert.Equal(Kaufman.EnergyPerSite(8, 8, 0.3), theory.Curves[0].Y[0], 12);
        Assert.Equal(Onsager.EnergyPerSite(0.6), theory.Curves[1].Y[^1], 12);
    }

    [Fact]
    public void Sk_OverTemperature_MarksTcOne()
    {
        Assert.Equal(1.0, Assert.Single(Ask(SkModel.Id, "q_mean", "tMin", 0.3, 2).Transitions).X);
        var line = Assert.Single(Ask(SkModel.Id, "q_mean", "N", 32, 128, "tMin", 0.3, 2).Curves);
        Assert.Equal([1.0, 1.0], line.Y);
    }

    [Fact]
    public void Curve_WideRange_IsGeometricAndHitsBothEnds()
    {
        var q = new SweepTheoryQuery("m", "x", null, new Shared.Models.ParameterValues(new Dictionary<string, object>()), 0.1, 100);

        var c = SweepTheory.Curve("f", q, x => x, 5);

        Assert.Equal([0.1, 0.1 * Math.Pow(1000, 0.25), 0.1 * Math.Pow(1000, 0.5), 0.1 * Math.Pow(1000, 0.75), 100], c.X, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Phi4_FreeField_LnZOverM2_IsTheGaussianIntegral_AndTheActionDensityIsAHalf()
    {
        var lnZ = Assert.Single(Ask(Phi4Model.Id, "lnZ_nis", "m2", 1, 4, parameters: [("L", 8), ("m2", 1.0), ("lambda", 0.0)]).Curves);
        Assert.Equal(TraceRole.Theory, lnZ.Role);
        Assert.InRange(ValueAt(lnZ, 1), -11.6228852573 - 1e-9, -11.6228852573 + 1e-9);
        var action = Assert.Single(Ask(Phi4Model.Id, "action_density_nmcmc", "m2", 1, 4, parameters: [("L", 8), ("m2", 1.0), ("lambda", 0.0)]).Curves);
        Assert.All(action.Y, y => Assert.Equal(0.5, y));
        // Interacting theory: nothing is known exactly.
        Assert.True(Ask(Phi4Model.Id, "lnZ_nis", "m2", 1, 4, parameters: [("L", 8), ("m2", 1.0), ("lambda", 2.0)]).IsEmpty);
    }
}
