using Shared.Models;

namespace Compute.EnergyModels.Parisi;

/// <summary>Typed parameters of <c>ebm.sk-parisi</c>.</summary>
public sealed record SkParisiParameters(double Field, double TMax, int Temperatures, int Intervals)
{
    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<double> Field = Parameter.Real("field", "Field h", 0, 0, 3, unit: "J", help: "Uniform field, H = −Σ_{i<j} J_ij s_i s_j − h Σ_i s_i.");
        public static readonly Parameter<double> TMax = Parameter.Real("tMax", "Highest temperature", 1.4, 0.05, 5, unit: "J",
            help: "Temperatures T_max·k/points for k = 1…points, and T = 0 (the ground state) always.");
        public static readonly Parameter<int> Temperatures = Parameter.Integer("temperatures", "Temperature points", 7, 1, 40);
        public static readonly Parameter<int> Intervals = Parameter.Integer("intervals", "Full-RSB intervals M", 16, 4, 64,
            help: "x(q) is piecewise constant on M equal intervals of q; the free energy converges to the Parisi PDE's as M grows (16 gives the ground state to about 10⁻⁴).");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(Declared.Field, Declared.TMax, Declared.Temperatures, Declared.Intervals);

    public static SkParisiParameters From(ParameterValues p) => new(Declared.Field.Of(p), Declared.TMax.Of(p), Declared.Temperatures.Of(p), Declared.Intervals.Of(p));

    /// <summary>0 (the ground state) then T_max·k/points.</summary>
    public double[] TemperatureGrid() => [0, .. Enumerable.Range(1, Temperatures).Select(k => TMax * k / Temperatures)];

    /// <summary>Work: per temperature, L-BFGS (≤ 200 steps) on M intervals of Gaussian convolutions over the field grid.</summary>
    public ResourceEstimate Estimate() => new(MemoryBytes: 64.0 * 500 * (Intervals + 4) * Math.Max(1, Environment.ProcessorCount), Work: (Temperatures + 1.0) * 200 * Intervals * 500 * 300 * 4);
}
