using Compute.Flows.Van;
using Compute.Numerics;

namespace Compute.Tests.Flows.Van;

public class MadeTests
{
    private static (Made Made, float[] Parameters) RandomMade(int n, int depth, int width, ulong seed, float boost = 2f)
    {
        var made = new Made(n, depth, width);
        var p = new float[made.ParameterCount];
        var rng = new Rng(seed);
        made.Initialize(p, ref rng);
        // Larger weights and nonzero biases make q far from uniform, so the checks below have teeth.
        for (var k = 0; k < p.Length; k++) p[k] = p[k] * boost + (p[k] == 0 ? 0 : 0.1f * (2 * rng.NextFloat() - 1));
        var offset = 0;
        foreach (var layer in made.Layers)
        {
            for (var o = 0; o < layer.Outputs; o++) p[offset + layer.Outputs * layer.Inputs + o] = 0.5f * (2 * rng.NextFloat() - 1);
            offset += layer.ParameterCount;
        }
        return (made, p);
    }

    private static float[] AllConfigurations(int n)
    {
        var s = new float[(1 << n) * n];
        for (var c = 0; c < 1 << n; c++)
            for (var i = 0; i < n; i++) s[c * n + i] = ((c >> i) & 1) == 1 ? 1f : -1f;
        return s;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public void Forward_PerturbingSpinJ_ChangesOnlyLogitsAfterJ(int depth, int width)
    {
        const int n = 9;
        var (made, p) = RandomMade(n, depth, width, 11);
        var ws = new MadeWorkspace(made, 1);
        var s = new float[n];
        var rng = new Rng(12);
        for (var i = 0; i < n; i++) s[i] = rng.NextSign();
        made.Forward(p, s, 1, ws);
        var reference = Made.Logits(ws, 1).ToArray();
        for (var j = 0; j < n; j++)
        {
            var t = (float[])s.Clone();
            t[j] = 3.7f * -t[j];
            made.Forward(p, t, 1, ws);
            var logits = Made.Logits(ws, 1);
            for (var i = 0; i <= j; i++)
                Assert.True(reference[i] == logits[i], $"logit {i} changed when input {j} was perturbed");
            // The next spin must actually see s_j: the mask is not empty.
            if (j + 1 < n) Assert.NotEqual(reference[j + 1], logits[j + 1]);
        }
    }

    [Theory]
    [InlineData(1, 1, 8)]
    [InlineData(2, 2, 10)]
    [InlineData(3, 2, 6)]
    public void LogProbabilities_AllConfigurations_SumToOne(int depth, int width, int n)
    {
        var (made, p) = RandomMade(n, depth, width, 21);
        var count = 1 << n;
        var ws = new MadeWorkspace(made, count);
        var s = AllConfigurations(n);
        made.Forward(p, s, count, ws);
        var logQ = new double[count];
        made.LogProbabilities(s, ws, logQ, count);
        Assert.Equal(0.0, Special.LogSumExp(logQ), 5);
        // Far from uniform, or the sum would be trivially one.
        Assert.True(logQ.Max() - logQ.Min() > 1.0);
    }

    [Fact]
    public void Backward_LogProbability_MatchesFiniteDifferencesInDouble()
    {
        const int n = 5, batch = 3;
        var (made, p) = RandomMade(n, 3, 2, 31, boost: 1.5f);
        var ws = new MadeWorkspace(made, batch);
        var rng = new Rng(32);
        var s = new float[batch * n];
        for (var k = 0; k < s.Length; k++) s[k] = rng.NextSign();
        double[] c = [0.7, -1.3, 0.4];

        // L = Σ_b c_b ln q(s_b); ∂ln q/∂a_i = (s_i + 1)/2 − σ(a_i).
        made.Forward(p, s, batch, ws);
        var logits = Made.Logits(ws, batch).ToArray();
        var dLogits = new float[batch * n];
        for (var k = 0; k < dLogits.Length; k++)
            dLogits[k] = (float)(c[k / n] * ((s[k] + 1) / 2 - 1 / (1 + Math.Exp(-logits[k]))));
        var grad = new float[made.ParameterCount];
        made.Backward(p, s, dLogits, grad, batch, ws);

        var pd = p.Select(v => (double)v).ToArray();
        const double h = 1e-5;
        for (var k = 0; k < p.Length; k++)
        {
            var keep = pd[k];
            pd[k] = keep + h;
            var plus = LossDouble(made, pd, s, c);
            pd[k] = keep - h;
            var minus = LossDouble(made, pd, s, c);
            pd[k] = keep;
            var fd = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(fd - grad[k]) <= 2e-4 * (1 + Math.Abs(fd)), $"dL/dθ[{k}]: backward {grad[k]}, finite difference {fd}");
        }
    }

    /// <summary>Σ_b c_b ln q(s_b) with the network evaluated in double: an independent oracle of Made.</summary>
    private static double LossDouble(Made made, double[] p, float[] s, double[] c)
    {
        var n = made.Spins;
        var loss = 0.0;
        for (var b = 0; b < c.Length; b++)
        {
            var input = s.Skip(b * n).Take(n).Select(v => (double)v).ToArray();
            var offset = 0;
            for (var l = 0; l < made.Depth; l++)
            {
                var layer = made.Layers[l];
                var output = new double[layer.Outputs];
                for (var o = 0; o < layer.Outputs; o++)
                {
                    var sum = p[offset + layer.Outputs * layer.Inputs + o];
                    for (var i = 0; i < layer.Inputs; i++)
                        sum += layer.Mask[o * layer.Inputs + i] * p[offset + o * layer.Inputs + i] * input[i];
                    output[o] = l == made.Depth - 1 ? sum : Math.Tanh(sum);
                }
                offset += layer.ParameterCount;
                input = output;
            }
            for (var i = 0; i < n; i++) loss -= c[b] * Special.Softplus(-s[b * n + i] * input[i]);
        }
        return loss;
    }

    [Fact]
    public void Sample_ManyDraws_FollowQ()
    {
        const int n = 4, batch = 4000;
        var (made, p) = RandomMade(n, 2, 2, 41);
        var all = AllConfigurations(n);
        var wsAll = new MadeWorkspace(made, 1 << n);
        made.Forward(p, all, 1 << n, wsAll);
        var logQ = new double[1 << n];
        made.LogProbabilities(all, wsAll, logQ, 1 << n);

        var ws = new MadeWorkspace(made, batch);
        var s = new float[batch * n];
        var rng = new Rng(42);
        var counts = new int[1 << n];
        for (var rep = 0; rep < 5; rep++)
        {
            made.Sample(p, ref rng, s, batch, ws, TestContext.Current.CancellationToken);
            for (var r = 0; r < batch; r++)
            {
                var c = 0;
                for (var i = 0; i < n; i++) if (s[r * n + i] > 0) c |= 1 << i;
                counts[c]++;
            }
        }
        const int total = 5 * batch;
        for (var c = 0; c < 1 << n; c++)
        {
            var q = Math.Exp(logQ[c]);
            var sigma = Math.Sqrt(total * q * (1 - q));
            Assert.True(Math.Abs(counts[c] - total * q) <= 5 * sigma + 1, $"configuration {c}: {counts[c]} draws, expected {total * q:0.0} ± {sigma:0.0}");
        }
    }

    [Fact]
    public void Sample_LeavesLogitsOfTheSampledConfigurations()
    {
        const int n = 7, batch = 5;
        var (made, p) = RandomMade(n, 3, 2, 51);
        var ws = new MadeWorkspace(made, batch);
        var s = new float[batch * n];
        var rng = new Rng(52);
        made.Sample(p, ref rng, s, batch, ws, TestContext.Current.CancellationToken);
        var sampled = Made.Logits(ws, batch).ToArray();
        made.Forward(p, s, batch, ws);
        var forward = Made.Logits(ws, batch);
        for (var k = 0; k < sampled.Length; k++) Assert.Equal(forward[k], sampled[k], 4);
    }
}
