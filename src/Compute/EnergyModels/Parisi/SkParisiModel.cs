using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.EnergyModels.Parisi;

/// <summary>
/// <c>ebm.sk-parisi</c>: the thermodynamics of the SK model in the N → ∞ limit from replica theory, at every temperature of
/// a grid and T = 0, replica-symmetric and with one step of RSB, with the de Almeida-Thouless line where RS becomes
/// unstable, and the full-RSB (Parisi) ground state from the Parisi functional with a finely discretized order parameter.
/// </summary>
public sealed class SkParisiModel : IModelType
{
    public const string Id = "ebm.sk-parisi";

    public ModelTypeInfo Info { get; } = new(
        Id, "Energy-based", "SK spin glass: Parisi's replica solution",
        "Free energy, energy and entropy of the Sherrington-Kirkpatrick spin glass for N → ∞, replica-symmetric and with one step of replica symmetry " +
        "breaking at any temperature and field, the de Almeida-Thouless line, and the ground state with full RSB (Parisi's solution, by minimizing the " +
        "Parisi functional over a discretized order parameter x(q)) next to the RS and 1RSB ground states.",
        SkParisiParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        SkParisiParameters.Declared.Field.Is(0.0), SkParisiParameters.Declared.TMax.Is(1.2), SkParisiParameters.Declared.Temperatures.Is(4),
        SkParisiParameters.Declared.Intervals.Is(16));

    public ResourceEstimate? Estimate(ParameterValues parameters) => SkParisiParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits) =>
        SkParisiParameters.From(parameters).Estimate().Against(limits, SkParisiParameters.Declared.Intervals.Name);

    /// <summary>The approximations at one temperature (T = 0: energies equal free energies; full RSB only there).</summary>
    internal sealed record Point(double Temperature, ReplicaSymmetric.Point Rs, double OneStepFreeEnergy, double OneStepEnergy, double? FullFreeEnergy,
        double[]? Levels, double[]? Mu);

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = SkParisiParameters.From(spec.Parameters);
        var temperatures = p.TemperatureGrid();
        var atLine = context.Stage("de Almeida-Thouless line", 1);
        var solving = context.Stage("RS, 1RSB and full RSB", 6);
        var tAt = ReplicaSymmetric.AlmeidaThoulessTemperature(p.Field);
        var atFields = Enumerable.Range(0, 13).Select(i => 1.2 * i / 12 * Math.Max(1, 2 * p.Field)).ToArray();
        var atTemperatures = atFields.Select(ReplicaSymmetric.AlmeidaThoulessTemperature).ToArray();
        var atZero = atFields[0] == 0 ? atTemperatures[0] : ReplicaSymmetric.AlmeidaThoulessTemperature(0);
        atLine.Report(1, 1);
        var points = new Point[temperatures.Length];
        var done = 0;
        var live = context.Series("energy_1rsb", "T", "u (1RSB)");
        context.For(temperatures.Length, () => 0, (k, _) =>
        {
            points[k] = Solve(temperatures[k], p, tAt, context.Cancellation);
            var finished = Interlocked.Increment(ref done);
            solving.Report(finished, temperatures.Length, $"T = {temperatures[k]:0.###} ({finished}/{temperatures.Length})");
        });
        foreach (var point in points) live.Add(point.Temperature, point.OneStepEnergy);
        return SkParisiResult.Build(p, points, tAt, atZero, atFields, atTemperatures);
    }

    private static Point Solve(double temperature, SkParisiParameters p, double tAt, CancellationToken ct)
    {
        var rs = ReplicaSymmetric.Solve(temperature, p.Field);
        // Above the AT line RS is stable and exact: nothing to break.
        if (temperature >= tAt) return new Point(temperature, rs, rs.FreeEnergy, rs.Energy, null, null, null);
        var beta = temperature == 0 ? double.PositiveInfinity : 1 / temperature;
        var one = OneStepRsb.Solve(beta, p.Field, ct);
        var oneEnergy = Energy(new ParisiFunctional(p.Field), one.Levels, one.Mu, beta, one.FreeEnergy);
        if (temperature > 0) return new Point(temperature, rs, one.FreeEnergy, oneEnergy, null, null, null);
        var full = FullRsb.Solve(beta, p.Field, p.Intervals, ct: ct);
        return new Point(temperature, rs, one.FreeEnergy, oneEnergy, full.FreeEnergy, full.Levels, full.Mu);
    }

    /// <summary>
    /// u = ∂(βf)/∂β at the optimal order parameter held fixed (x(q) = μ/β and the levels): f is stationary in them, so
    /// the derivative of the functional alone is the energy (central difference in β). At T = 0, u = f.
    /// </summary>
    private static double Energy(ParisiFunctional functional, double[] levels, double[] mu, double beta, double freeEnergy)
    {
        if (double.IsPositiveInfinity(beta)) return freeEnergy;
        var h = 1e-4 * beta;
        double BetaF(double b) => b * functional.FreeEnergy(levels, mu.Select(m => m * b / beta).ToArray(), b);
        return (BetaF(beta + h) - BetaF(beta - h)) / (2 * h);
    }
}
