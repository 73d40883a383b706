using Shared.Results;

namespace Compute.EnergyModels.Hopfield;

public sealed partial class HopfieldModel
{
    /// <summary>
    /// Hebbian couplings: on an (α, T) phase diagram the AGS lines T_g, T_M and T_c; otherwise the AGS capacity α_c ≈ 0.138
    /// (a marker over the load, a line on a phase diagram with the load and another parameter) and, at T = 0, the
    /// retrieval overlap m(α) of AGS over the load where the overlap is measured.
    /// </summary>
    public SweepTheory Theory(SweepTheoryQuery q)
    {
        var p = HopfieldParameters.From(q.Parameters);
        if (p.Variant != HopfieldParameters.Hebbian) return SweepTheory.None;
        string alphaMin = HopfieldParameters.Declared.AlphaMin.Name, alphaMax = HopfieldParameters.Declared.AlphaMax.Name;
        string temperature = HopfieldParameters.Declared.Temperature.Name;
        string[] loads = [alphaMin, alphaMax];
        var loadOnX = loads.Contains(q.X);
        if (q.Y is not null && (loadOnX ? q.Y == temperature : q.X == temperature && loads.Contains(q.Y)))
            return PhaseBoundaries(q, loadOnX);
        var critical = SweepTheory.At(q, loads, HopfieldTheory.CriticalAlpha, $"α_c = {HopfieldTheory.CriticalAlpha:0.####} (AGS, T = 0)");
        if (q.Y is not null || p.Temperature > 0) return critical;
        // overlap_first is measured at alphaMin, overlap_last at alphaMax (at alphaMin when there is one load).
        var measuredHere = q.Metric == "overlap_first" ? q.X == alphaMin : q.Metric == "overlap_last" && q.X == (p.AlphaPoints == 1 ? alphaMin : alphaMax);
        if (!measuredHere || q.XMin >= HopfieldTheory.CriticalAlpha) return critical;
        var range = q with { XMax = Math.Min(q.XMax, HopfieldTheory.CriticalAlpha) };
        return new SweepTheory([SweepTheory.Curve("m(α), AGS retrieval (T = 0)", range, HopfieldTheory.RetrievalOverlap)], []).With(critical);
    }

    /// <summary>
    /// The AGS (α, T) diagram: T_g(α) = 1 + √α (spin glass below), T_M(α) (retrieval states exist below) and T_c(α)
    /// (retrieval states are global minima below), each drawn in the sweep's orientation of the two axes.
    /// </summary>
    private static SweepTheory PhaseBoundaries(SweepTheoryQuery q, bool loadOnX)
    {
        var rows = HopfieldPhaseDiagram.Rows;
        var alphaTop = loadOnX ? q.XMax : q.YMax ?? q.XMax;
        var glassAlpha = Enumerable.Range(0, 100).Select(i => alphaTop * i / 99.0).ToArray();
        Trace Line(string name, double[] alpha, double[] t) => new()
        {
            Name = name, Role = TraceRole.Theory, Style = TraceStyle.Lines, X = loadOnX ? alpha : t, Y = loadOnX ? t : alpha,
        };
        return new SweepTheory(
        [
            Line("T_M(α): retrieval states exist below (AGS)", rows.Select(r => r.RetrievalLimit).ToArray(), rows.Select(r => r.T).ToArray()),
            Line("T_c(α): retrieval states are global minima below (AGS)", rows.Select(r => r.GlobalMinimumLimit).ToArray(), rows.Select(r => r.T).ToArray()),
            Line("T_g(α) = 1 + √α: spin glass below", glassAlpha, glassAlpha.Select(HopfieldPhaseDiagram.SpinGlassTemperature).ToArray()),
        ], []);
    }
}
