namespace Compute.EnergyModels.Hopfield;

public sealed partial class HopfieldModel
{
    /// <summary>
    /// Hebbian couplings: the AGS capacity α_c ≈ 0.138 (a marker over the load, a line on a phase diagram with the load on
    /// one axis) and, at T = 0, the retrieval overlap m(α) of AGS over the load where the overlap is measured.
    /// </summary>
    public SweepTheory Theory(SweepTheoryQuery q)
    {
        var p = HopfieldParameters.From(q.Parameters);
        if (p.Variant != HopfieldParameters.Hebbian) return SweepTheory.None;
        string alphaMin = HopfieldParameters.Declared.AlphaMin.Name, alphaMax = HopfieldParameters.Declared.AlphaMax.Name;
        var critical = SweepTheory.At(q, [alphaMin, alphaMax], HopfieldTheory.CriticalAlpha, $"α_c = {HopfieldTheory.CriticalAlpha:0.####} (AGS, T = 0)");
        if (q.Y is not null || p.Temperature > 0) return critical;
        // overlap_first is measured at alphaMin, overlap_last at alphaMax (at alphaMin when there is one load).
        var measuredHere = q.Metric == "overlap_first" ? q.X == alphaMin : q.Metric == "overlap_last" && q.X == (p.AlphaPoints == 1 ? alphaMin : alphaMax);
        if (!measuredHere || q.XMin >= HopfieldTheory.CriticalAlpha) return critical;
        var range = q with { XMax = Math.Min(q.XMax, HopfieldTheory.CriticalAlpha) };
        return new SweepTheory([SweepTheory.Curve("m(α), AGS retrieval (T = 0)", range, HopfieldTheory.RetrievalOverlap)], []).With(critical);
    }
}
