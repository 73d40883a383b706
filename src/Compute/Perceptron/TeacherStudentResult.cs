using Compute.Numerics.Stats;
using Compute.Perceptron.Theory;
using Shared.Results;

namespace Compute.Perceptron;

/// <summary>Turns the per-sample outcomes of <see cref="TeacherStudentModel"/> into the result document with theory curves and checks.</summary>
internal static class TeacherStudentResult
{
    private const int CurvePoints = 60;

    public static ResultDocument Build(TeacherStudentParameters p, double[] alphas, TeacherStudentModel.SampleOutcome[] outcome, CancellationToken ct)
    {
        var k = alphas.Length;
        var eps = new double[k];
        var epsErr = new double[k];
        var epsR = new double[k];
        var epsRErr = new double[k];
        var r = new double[k];
        var rErr = new double[k];
        var train = new double[k];
        var trainErr = new double[k];
        var diff = new double[k];
        var diffErr = new double[k];
        var unconverged = 0;
        var row = new double[p.Samples];
        for (var a = 0; a < k; a++)
        {
            var slice = outcome.AsSpan(a * p.Samples, p.Samples);
            (eps[a], epsErr[a]) = Mean(slice, row, o => o.TestError);
            (epsR[a], epsRErr[a]) = Mean(slice, row, o => Math.Acos(Math.Clamp(o.Overlap, -1, 1)) / Math.PI);
            (r[a], rErr[a]) = Mean(slice, row, o => o.Overlap);
            (train[a], trainErr[a]) = Mean(slice, row, o => o.TrainingError);
            (diff[a], diffErr[a]) = Mean(slice, row, o => o.TestError - Math.Acos(Math.Clamp(o.Overlap, -1, 1)) / Math.PI);
            foreach (var o in slice) if (!o.Converged) unconverged++;
        }

        var curve = RuleCurve(p);
        var grid = TheoryGrid(p, curve);
        ct.ThrowIfCancellationRequested();
        var theoryEps = curve is null ? null : grid.Select(curve.Value.Error).ToArray();
        var theoryR = curve is null ? null : grid.Select(curve.Value.Overlap).ToArray();
        var bayesGrid = p.TheoryApplies ? grid.Where(x => x <= 200).ToArray() : [];
        var bayes = bayesGrid.Select(VersionSpaceTheory.BayesError).ToArray();

        var checks = new List<Check>();
        if (curve is { } c)
        {
            for (var a = 0; a < k; a++)
            {
                if (!c.Covers(alphas[a])) continue;
                var reference = c.Error(alphas[a]);
                checks.Add(Check.WithinSigma($"ε at α = {alphas[a]:0.###}", eps[a], epsErr[a], reference, c.Source, note: "σ: standard error over samples"));
            }
        }
        else if (p.TheoryApplies)
        {
            for (var a = 0; a < k; a++)
            {
                var bound = VersionSpaceTheory.BayesError(Math.Min(alphas[a], VersionSpaceTheory.MaxAlpha));
                checks.Add(Check.Bound($"ε ≥ Bayes-optimal bound at α = {alphas[a]:0.###}", eps[a], epsErr[a], bound, BoundSide.AtLeast,
                    "Opper & Haussler, PRL 66 (1991); Engel & Van den Broeck (2001), §3.6", note: "no student beats the Bayes-optimal error"));
            }
        }
        if (p.Inputs == Learning.InputKind.Gaussian)
        {
            var last = k - 1;
            checks.Add(Check.WithinSigma($"test error − arccos(R)/π at α = {alphas[last]:0.###}", diff[last], diffErr[last], 0,
                "Engel & Van den Broeck (2001), eq. (1.6)", note: "paired difference: for Gaussian inputs P(sign J·ξ ≠ sign T·ξ) = arccos(R)/π exactly"));
        }

        var traces = new List<Trace>
        {
            new() { Name = "simulation: test error", X = alphas, Y = eps, ErrorY = epsErr, Style = TraceStyle.Markers },
            new() { Name = "simulation: arccos(R)/π", X = alphas, Y = epsR, ErrorY = epsRErr, Style = TraceStyle.Markers },
        };
        if (theoryEps is not null) traces.Add(new Trace { Name = $"theory: {curve!.Value.Name}", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid, Y = theoryEps });
        if (p.TheoryApplies) traces.Add(new Trace { Name = "theory: Bayes-optimal (lower bound)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = bayesGrid, Y = bayes });
        var markers = new List<Marker>();
        if (p.BinaryStudent && p.BinaryTeacher)
        {
            markers.Add(new Marker(BinaryPerceptronTheory.PerfectGeneralizationAlpha, "α = 1.245: perfect generalization (Györgyi 1990)"));
            markers.Add(new Marker(BinaryPerceptronTheory.AmpAlgorithmicAlpha, "α = 1.493: AMP threshold (Barbier et al. 2019)"));
        }
        var rTraces = new List<Trace> { new() { Name = "simulation", X = alphas, Y = r, ErrorY = rErr, Style = TraceStyle.Markers } };
        if (theoryR is not null) rTraces.Add(new Trace { Name = $"theory: {curve!.Value.Name}", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid, Y = theoryR });

        var lastA = k - 1;
        var theoryText = curve is { } cc && cc.Covers(alphas[lastA]) ? $" (theory {cc.Error(alphas[lastA]):0.0000})" : "";
        var convergence = unconverged > 0 ? $" {unconverged} of {outcome.Length} samples did not converge within the budget." : "";
        return new ResultDocument
        {
            ModelType = TeacherStudentModel.Id,
            Summary = $"{p.Rule}, N = {p.N}, {p.Samples} samples per α: ε({alphas[lastA]:0.###}) = {eps[lastA]:0.0000} ± {epsErr[lastA]:0.0000}{theoryText}.{convergence}",
            Conventions = Conventions(p),
            Metrics =
            [
                new Metric("epsilon_final", $"test error at α = {alphas[lastA]:0.###}", eps[lastA], epsErr[lastA]),
                new Metric("R_final", $"R at α = {alphas[lastA]:0.###}", r[lastA], rErr[lastA]),
                new Metric("training_error_final", $"training error at α = {alphas[lastA]:0.###}", train[lastA], trainErr[lastA]),
                new Metric("unconverged", "samples not converged within the budget", unconverged),
            ],
            Series =
            [
                new Series("epsilon", "α", "ε (test error)", alphas, eps, epsErr),
                new Series("epsilon_R", "α", "arccos(R)/π", alphas, epsR, epsRErr),
                new Series("R", "α", "R", alphas, r, rErr),
                new Series("training_error", "α", "training error", alphas, train, trainErr),
            ],
            Figures =
            [
                new Figure { Id = "learning-curve", Title = "Generalization error", XAxis = new Axis("α = P/N"), YAxis = new Axis("ε"), Traces = traces, Markers = markers },
                new Figure { Id = "overlap", Title = "Teacher-student overlap", XAxis = new Axis("α = P/N"), YAxis = new Axis("R"), Traces = rTraces, Markers = markers },
                new Figure
                {
                    Id = "training-error", Title = "Training error", XAxis = new Axis("α = P/N"), YAxis = new Axis("fraction of training examples misclassified"),
                    Traces = [new Trace { Name = "simulation", X = alphas, Y = train, ErrorY = trainErr, Style = TraceStyle.Markers }],
                },
            ],
            Checks = checks,
        };
    }

    /// <summary>A rule's replica curve: ε(α) and R(α), the α range it covers and its source.</summary>
    internal readonly record struct RuleTheory(string Name, Func<double, double> Error, Func<double, double> Overlap, double AlphaLimit, string Source)
    {
        public bool Covers(double alpha) => alpha <= AlphaLimit;
    }

    internal static RuleTheory? RuleCurve(TeacherStudentParameters p)
    {
        if (p.HebbTheoryApplies && p.LabelNoise > 0)
        {
            var noise = p.LabelNoise;
            return new RuleTheory($"Hebb with label noise {noise:0.###} (exact, N → ∞)", a => HebbTheory.GeneralizationErrorWithLabelNoise(a, noise), a => HebbTheory.OverlapWithLabelNoise(a, noise),
                double.PositiveInfinity, "Engel & Van den Broeck (2001): R = √(2α(1−2p)²/(2α(1−2p)²+π))");
        }
        if (!p.TheoryApplies) return null;
        return p.Rule switch
        {
            "hebb" => new RuleTheory("Hebb (exact, N → ∞)", HebbTheory.GeneralizationError, HebbTheory.Overlap, double.PositiveInfinity, "Engel & Van den Broeck (2001), §2.2: R = √(2α/(2α+π))"),
            "gibbs" => new RuleTheory("Gibbs learning (replica symmetric)", VersionSpaceTheory.GibbsError, VersionSpaceTheory.Overlap, VersionSpaceTheory.MaxAlpha, "Engel & Van den Broeck (2001), §2.3: q/√(1−q) = (α/π)∫Dt e^{−qt²/2}/H(−√q t)"),
            "adatron" => new RuleTheory("maximal stability (replica)", MaximalStabilityTheory.GeneralizationError, a => MaximalStabilityTheory.Solve(a).R, MaximalStabilityTheory.MaxAlpha, "Opper, Kinzel, Kleinz & Nehl, J. Phys. A 23 (1990); Engel & Van den Broeck (2001), §4.4"),
            "pseudo-inverse" => new RuleTheory("pseudo-inverse", PseudoInverseTheory.GeneralizationError, PseudoInverseTheory.Overlap, 0.999, "Kinzel & Opper (1991); Engel & Van den Broeck (2001), §3.4: R = √(2α(1−α)/(π−2α))"),
            _ => null,
        };
    }

    private static double[] TheoryGrid(TeacherStudentParameters p, RuleTheory? curve)
    {
        var top = Math.Min(p.AlphaMax, curve?.AlphaLimit ?? p.AlphaMax);
        var points = p.Rule is "gibbs" or "adatron" ? 30 : CurvePoints;
        return Enumerable.Range(1, points).Select(i => top * i / points).ToArray();
    }

    private static (double Mean, double Error) Mean(ReadOnlySpan<TeacherStudentModel.SampleOutcome> slice, double[] row, Func<TeacherStudentModel.SampleOutcome, double> f)
    {
        for (var s = 0; s < slice.Length; s++) row[s] = f(slice[s]);
        return Statistics.MeanAndError(row.AsSpan(0, slice.Length));
    }

    private static string Conventions(TeacherStudentParameters p) =>
        $"Teacher {(p.BinaryTeacher ? "binary (T_i = ±1)" : "spherical (|T|² = N)")}, student {(p.BinaryStudent ? "binary (J_i = ±1)" : "spherical (real J; only its direction matters)")}, " +
        $"inputs {(p.Inputs == Learning.InputKind.Gaussian ? "ξ ~ N(0, I_N)" : "ξ_i = ±1")}; P = round(αN) training examples with labels y = sign(T·ξ)" +
        (p.LabelNoise > 0 ? $" flipped with probability {p.LabelNoise}" : "") + ". " +
        "R = J·T/(|J||T|); ε is the fraction of fresh, noiselessly labelled test inputs the student misclassifies; for Gaussian inputs its mean equals arccos(R)/π. " +
        "Each α uses independent teachers and training sets; error bars are one standard error over the samples. " +
        (p.TheoryApplies
            ? "Theory curves are N → ∞ replica results for a spherical student with Gaussian inputs and noiseless labels (any teacher with |T|² = N is equivalent then); finite N adds O(1/N) corrections, not included in the 3σ criterion."
            : p.HebbTheoryApplies
                ? "Hebb's exact curve with label noise p is drawn (the noisy labels only rescale ⟨y u⟩ by 1 − 2p); the other replica curves assume noiseless labels."
                : "No replica curve is drawn: theory here assumes a spherical student, Gaussian inputs and noiseless labels.") +
        (p.Rule == "gibbs" ? $" Gibbs learning: coordinate hit-and-run in the version space, {p.GibbsSweeps} sweeps from the perceptron solution." : "") +
        (p.Rule == "adatron" ? " AdaTron stopped at KKT violation ≤ 10⁻³ (stabilities relative to the margin)." : "");
}
