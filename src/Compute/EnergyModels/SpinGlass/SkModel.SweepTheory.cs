namespace Compute.EnergyModels.SpinGlass;

public sealed partial class SkModel
{
    /// <summary>The spin-glass temperature T_c = 1 of the SK model in zero field (J_ij ~ N(0, 1/N)): a marker or a line.</summary>
    public const double CriticalTemperature = 1.0;

    public SweepTheory Theory(SweepTheoryQuery q) =>
        SweepTheory.At(q, [SkParameters.Declared.TMin.Name, SkParameters.Declared.TMax.Name], CriticalTemperature, "T_c = 1 (SK, zero field)");
}
