using Compute.Perceptron.Theory;
namespace Compute.Perceptron;

public sealed partial class TeacherStudentModel
{
    /// <summary>
    /// Over the largest α (where epsilon_final and R_final are measured): the rule's replica learning curve ε(α) or R(α), up to
    /// where that theory holds; the binary teacher's transitions as markers.
    /// </summary>
    public SweepTheory Theory(SweepTheoryQuery q)
    {
        if (q.Y is not null || q.X != TeacherStudentParameters.Declared.AlphaMax.Name) return SweepTheory.None;
        var p = TeacherStudentParameters.From(q.Parameters);
        var transitions = p.BinaryTeacher && p.BinaryStudent
            ? new SweepTheory([], [new Shared.Results.Marker(BinaryPerceptronTheory.PerfectGeneralizationAlpha, "α = 1.245: perfect generalization")])
            : SweepTheory.None;
        if (TeacherStudentResult.RuleCurve(p) is not { } rule || q.XMin >= rule.AlphaLimit) return transitions;
        var range = q with { XMax = Math.Min(q.XMax, rule.AlphaLimit) };
        return q.Metric switch
        {
            "epsilon_final" => new SweepTheory([SweepTheory.Curve($"ε(α), {rule.Name}", range, rule.Error)], []).With(transitions),
            "R_final" => new SweepTheory([SweepTheory.Curve($"R(α), {rule.Name}", range, rule.Overlap)], []).With(transitions),
            _ => transitions,
        };
    }
}
