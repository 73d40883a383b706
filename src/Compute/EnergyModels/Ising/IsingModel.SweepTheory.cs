namespace Compute.EnergyModels.Ising;

public sealed partial class IsingModel
{
    /// <summary>
    /// Onsager's β_c (a marker over β, a line on a phase diagram with β on one axis) and, for runs of a single β, Kaufman's
    /// exact energy and specific heat of the L × L torus with Onsager's infinite-lattice curve.
    /// </summary>
    public SweepTheory Theory(SweepTheoryQuery q)
    {
        var p = IsingParameters.From(q.Parameters);
        string betaMin = IsingParameters.Declared.BetaMin.Name, betaMax = IsingParameters.Declared.BetaMax.Name;
        var critical = SweepTheory.At(q, [betaMin, betaMax], Onsager.CriticalBeta, $"β_c = {Onsager.CriticalBeta:0.######} (Onsager)");
        if (q.Y is not null || p.BetaPoints != 1 || q.X != betaMin) return critical;
        var l = p.L;
        return q.Metric switch
        {
            "energy_near_beta_c" => new SweepTheory([
                SweepTheory.Curve($"e(β), Kaufman L = {l}", q, b => Kaufman.EnergyPerSite(l, l, b)),
                SweepTheory.Curve("e(β), Onsager L → ∞", q, Onsager.EnergyPerSite)], []).With(critical),
            "specific_heat_near_beta_c" => new SweepTheory([
                SweepTheory.Curve($"c(β), Kaufman L = {l}", q, b => Kaufman.SpecificHeatPerSite(l, l, b))], []).With(critical),
            _ => critical,
        };
    }
}
