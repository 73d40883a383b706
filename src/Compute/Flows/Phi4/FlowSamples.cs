using Compute.Numerics;

namespace Compute.Flows.Phi4;

/// <summary>
/// Independent draws φ ~ q from a trained flow with their log weights ln w = −S(φ) − ln q(φ) and observables
/// (per sample: |M|/V, M²/V, S/V, C(r) for r = 0..L/2). The proposal stream for both NIS and NMCMC.
/// </summary>
public sealed class FlowSamples
{
    private FlowSamples(int count, int l)
    {
        Count = count;
        L = l;
        LogWeights = new double[count];
        LogQ = new double[count];
        Magnetization = new double[count];
        AbsMagnetization = new double[count];
        SquaredMagnetization = new double[count];
        ActionDensity = new double[count];
        Correlator = new double[count * (l / 2 + 1)];
    }

    public int Count { get; }
    public int L { get; }
    public double[] LogWeights { get; }
    public double[] LogQ { get; }
    public double[] Magnetization { get; }
    public double[] AbsMagnetization { get; }
    public double[] SquaredMagnetization { get; }
    public double[] ActionDensity { get; }

    /// <summary>[sample][r], r = 0..L/2.</summary>
    public double[] Correlator { get; }

    /// <summary>The first few fields, for pictures.</summary>
    public List<float[]> Examples { get; } = [];

    public static FlowSamples Draw(ReverseKl<float> model, int count, int batch, ulong seed, ulong stream,
        Action<double>? progress, CancellationToken ct)
    {
        var l = model.Action.L;
        var v = l * l;
        var r = l / 2 + 1;
        var result = new FlowSamples(count, l);
        var rng = new Rng(seed, stream);
        var z = new float[batch * v];
        for (var start = 0; start < count; start += batch)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(batch, count - start);
            rng.FillNormal(z.AsSpan(0, n * v));
            model.Draw(z, n, out var phi);
            for (var b = 0; b < n; b++)
            {
                var i = start + b;
                var field = phi.Slice(b * v, v);
                var m = Phi4Observables.Magnetization(field);
                result.LogQ[i] = model.LogQ[b];
                result.LogWeights[i] = -model.ActionValues[b] - model.LogQ[b];
                result.Magnetization[i] = m / v;
                result.AbsMagnetization[i] = Math.Abs(m) / v;
                result.SquaredMagnetization[i] = m * m / v;
                result.ActionDensity[i] = model.ActionValues[b] / v;
                Phi4Observables.TwoPoint(field, l, result.Correlator.AsSpan(i * r, r));
                if (result.Examples.Count < 4) result.Examples.Add(field.ToArray());
            }
            progress?.Invoke((double)Math.Min(count, start + batch) / count);
        }
        return result;
    }
}
