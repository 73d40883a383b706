using Compute.EnergyModels.Hopfield;

namespace Compute.Tests.EnergyModels.Hopfield;

/// <summary>The AGS (α, T) phase diagram against its published limits (AGS 1985 PRL 55, 1530; Ann. Phys. 173, 30).</summary>
public class HopfieldPhaseDiagramTests
{
    [Fact]
    public void AtLowTemperature_TheLinesReachTheZeroTemperatureLoads()
    {
        // T_M meets T = 0 at α_c = 0.138 (the T = 0 AGS equation, solved independently in HopfieldTheory);
        // T_c meets it at α ≈ 0.051 (AGS: retrieval states are global minima only below 0.051).
        Assert.InRange(HopfieldPhaseDiagram.RetrievalLimit(0.05), HopfieldTheory.CriticalAlpha - 0.002, HopfieldTheory.CriticalAlpha + 0.0005);
        Assert.InRange(HopfieldPhaseDiagram.GlobalMinimumLimit(0.05), HopfieldTheory.GroundStateAlpha - 0.001, HopfieldTheory.GroundStateAlpha + 0.002);
    }

    [Fact]
    public void AtZeroTemperature_RetrievalIsTheGroundStateBelowAgs0051()
    {
        // E_R = −m²/2 − (α/2)(r − 1) against E_SG = −1/π − √(2α/π); AGS quote α ≈ 0.051 for the crossing.
        Assert.Equal(0.051, HopfieldTheory.GroundStateAlpha, 0.001);
        Assert.Equal(-1 / Math.PI, HopfieldTheory.SpinGlassEnergy(0), 12);
        Assert.Equal(-0.5, HopfieldTheory.RetrievalEnergy(0.01), 6);
        Assert.True(HopfieldTheory.RetrievalEnergy(0.03) < HopfieldTheory.SpinGlassEnergy(0.03));
        Assert.True(HopfieldTheory.RetrievalEnergy(0.1) > HopfieldTheory.SpinGlassEnergy(0.1));
    }

    [Fact]
    public void NearTheCurieTemperature_TheRetrievalLineFollowsAgsSmallLoadLaw()
    {
        // AGS: T_M(α) ≈ 1 − 1.95 √α for small α, i.e. α_M(T) ≈ ((1 − T)/1.95)².
        foreach (var t in new[] { 0.96, 0.98 })
        {
            var expected = Math.Pow((1 - t) / 1.95, 2);
            Assert.InRange(HopfieldPhaseDiagram.RetrievalLimit(t), 0.8 * expected, 1.2 * expected);
        }
    }

    [Fact]
    public void Lines_AreOrdered_TcBelowTmBelowTg_AndShrinkAsTRises()
    {
        var previous = double.PositiveInfinity;
        foreach (var t in new[] { 0.2, 0.5, 0.8 })
        {
            var (alphaM, alphaC) = (HopfieldPhaseDiagram.RetrievalLimit(t), HopfieldPhaseDiagram.GlobalMinimumLimit(t));
            Assert.InRange(alphaC, 1e-4, alphaM);
            Assert.True(alphaM < previous);
            Assert.True(t < HopfieldPhaseDiagram.SpinGlassTemperature(alphaM));
            previous = alphaM;
        }
        Assert.Equal(0, HopfieldPhaseDiagram.RetrievalLimit(1.0));
    }

    [Fact]
    public void SaddlePoints_SolveTheirEquations_AndTheSpinGlassVanishesAtTg()
    {
        var retrieval = HopfieldPhaseDiagram.Retrieval(0.05, 0.3)!.Value;
        Assert.True(retrieval.M > 0.9);
        Assert.Equal(retrieval.Q / Math.Pow(1 - (1 - retrieval.Q) / 0.3, 2), retrieval.R, 10);
        Assert.NotNull(HopfieldPhaseDiagram.SpinGlass(0.05, 0.95 * HopfieldPhaseDiagram.SpinGlassTemperature(0.05)));
        Assert.Null(HopfieldPhaseDiagram.SpinGlass(0.05, 1.05 * HopfieldPhaseDiagram.SpinGlassTemperature(0.05)));
        // Without patterns (α → 0) the retrieval state is Curie–Weiss: m = tanh(m/T).
        var curieWeiss = HopfieldPhaseDiagram.Retrieval(1e-9, 0.5)!.Value;
        Assert.Equal(Math.Tanh(curieWeiss.M / 0.5), curieWeiss.M, 6);
    }
}
