namespace Compute.Numerics.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) over one flat parameter vector. Owns its moment buffers; a step allocates nothing.
/// Effectively: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.
/// </summary>
public sealed class Adam
{
    private readonly float[] _m;
    private readonly float[] _v;
    private long _t;

    public Adam(int parameterCount, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public double LearningRate { get; set; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public long StepCount => _t;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != _m.Length || gradients.Length != _m.Length)
            throw new ArgumentException($"Adam was created for {_m.Length} parameters.");
        _t++;
        var b1 = (float)Beta1;
        var b2 = (float)Beta2;
        var stepSize = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, _t)) / (1 - Math.Pow(Beta1, _t)));
        var eps = (float)(Epsilon * Math.Sqrt(1 - Math.Pow(Beta2, _t)));
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i];
            var m = _m[i] = b1 * _m[i] + (1 - b1) * g;
            var v = _v[i] = b2 * _v[i] + (1 - b2) * g * g;
            parameters[i] -= stepSize * m / (MathF.Sqrt(v) + eps);
        }
    }
}
