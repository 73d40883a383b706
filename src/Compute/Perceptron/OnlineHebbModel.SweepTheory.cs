namespace Compute.Perceptron;

public sealed partial class OnlineHebbModel
{
    /// <summary>Over the final α = t/N: the exact Hebb curves ε(α) and R(α) (online Hebb follows batch Hebb with α = t).</summary>
    public SweepTheory Theory(SweepTheoryQuery q)
    {
        if (q.Y is not null || q.X != OnlineHebbParameters.Declared.AlphaMax.Name) return SweepTheory.None;
        return q.Metric switch
        {
            "epsilon_final" or "epsilon_exact" => new SweepTheory([SweepTheory.Curve("ε(α), Hebb (exact, N → ∞)", q, HebbTheory.GeneralizationError)], []),
            "R_final" => new SweepTheory([SweepTheory.Curve("R(α), Hebb (exact, N → ∞)", q, HebbTheory.Overlap)], []),
            _ => SweepTheory.None,
        };
    }
}
