using Compute.Flows.Van;
using Compute.Numerics;

namespace Compute.Tests.Flows.Van;

public class MadeTests
{
    private static Made RandomMade(int n, int depth, int width, int maxBatch, ulong seed, float boost = 2f)
    {
        var made = new Made(n, depth, width, maxBatch);
        var rng = new Rng(seed);
        made.Initialize(ref rng);
        // Larger weights make q far from uniform, so the checks below have teeth.
        var p = made.Parameters.Values;
        for (var k = 0; k < p.Length; k++) p[k] *= boost;
        return made;
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
        var made = RandomMade(n, depth, width, 1, 11);
        var s = new float[n];
        var rng = new Rng(12);
        for (var i = 0; i < n; i++) s[i] = rng.NextSign();
        var reference = made.Forward(s, 1).ToArray();
        for (var j = 0; j < n; j++)
        {
            var t = (float[])s.Clone();
            t[j] = 3.7f * -t[j];
            var logits = made.Forward(t, 1);
            for (var i = 0; i <= j; i++)
                Assert.True(reference[i] == logits[i], $"logit {i} changed when input {j} was perturbed");
            // The next spin must actually see s_j: the masks are not empty.
            if (j + 1 < n) Assert.NotEqual(reference[j + 1], logits[j + 1]);
        }
    }

    [Theory]
    [InlineData(1, 1, 8)]
    [InlineData(2, 2, 10)]
    [InlineData(3, 2, 6)]
    public void LogProbabilities_AllConfigurations_SumToOne(int depth, int width, int n)
    {
        var count = 1 << n;
        var made = RandomMade(n, depth, width, count, 21);
        var s = AllConfigurations(n);
        var logQ = new double[count];
        made.LogProbabilities(s, made.Forward(s, count), logQ, count);
        Assert.Equal(0.0, Special.LogSumExp(logQ), 1e-5);
        // Far from uniform, or the sum would be one trivially.
        Assert.True(logQ.Max() - logQ.Min() > 1.0, $"ln q spans only {logQ.Max() - logQ.Min()}");
    }

    [Fact]
    public void Backward_LogProbability_MatchesFiniteDifferencesInDouble()
    {
        const int n = 5, batch = 3;
        var made = RandomMade(n, 3, 2, batch, 31, boost: 1.5f);
        var rng = new Rng(32);
        var s = new float[batch * n];
        for (var k = 0; k < s.Length; k++) s[k] = rng.NextSign();
        double[] c = [0.7, -1.3, 0.4];

        // L = Σ_b c_b ln q(s_b); ∂ln q/∂a_i = (s_i + 1)/2 − σ(a_i).
        var logits = made.Forward(s, batch).ToArray();
        var dLogits = new float[batch * n];
        for (var k = 0; k < dLogits.Length; k++)
            dLogits[k] = (float)(c[k / n] * ((s[k] + 1) / 2 - 1 / (1 + Math.Exp(-logits[k]))));
        made.Parameters.ZeroGradients();
        made.Backward(s, dLogits, batch);
        var grad = made.Parameters.Gradients;

        var pd = made.Parameters.Values.Select(v => (double)v).ToArray();
        Assert.Equal(Math.Exp(LogQDouble(made, pd, s, 0)), Math.Exp(LogQOf(made, s, logits, 0)), 1e-5);
        const double h = 1e-5;
        for (var k = 0; k < pd.Length; k++)
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

    private static double LogQOf(Made made, float[] s, float[] logits, int b)
    {
        var logQ = new double[1];
        made.LogProbabilities(s.AsSpan(b * made.Spins, made.Spins), logits.AsSpan(b * made.Spins, made.Spins), logQ, 1);
        return logQ[0];
    }

    private static double LossDouble(Made made, double[] p, float[] s, double[] c)
    {
        var loss = 0.0;
        for (var b = 0; b < c.Length; b++) loss += c[b] * LogQDouble(made, p, s, b);
        return loss;
    }

    /// <summary>ln q(s_b) with the network evaluated in double from the masks and the flat parameters: an independent oracle.</summary>
    private static double LogQDouble(Made made, double[] p, float[] s, int b)
    {
        var n = made.Spins;
        var input = s.Skip(b * n).Take(n).Select(v => (double)v).ToArray();
        var offset = 0;
        for (var l = 0; l < made.Depth; l++)
        {
            var layer = made.MaskedLayers[l];
            int inputs = layer.InputSize, outputs = layer.OutputSize;
            var output = new double[outputs];
            for (var o = 0; o < outputs; o++)
            {
                var sum = p[offset + inputs * outputs + o];
                for (var i = 0; i < inputs; i++)
                    sum += layer.Mask[i * outputs + o] * p[offset + i * outputs + o] * input[i];
                output[o] = l == made.Depth - 1 ? sum : Math.Tanh(sum);
            }
            offset += layer.ParameterCount;
            input = output;
        }
        var logQ = 0.0;
        for (var i = 0; i < n; i++) logQ -= Special.Softplus(-s[b * n + i] * input[i]);
        return logQ;
    }

    [Fact]
    public void Sample_ManyDraws_FollowQ()
    {
        const int n = 4, batch = 4000;
        var made = RandomMade(n, 2, 2, batch, 41);
        var all = AllConfigurations(n);
        var logQ = new double[1 << n];
        made.LogProbabilities(all, made.Forward(all, 1 << n), logQ, 1 << n);

        var s = new float[batch * n];
        var rng = new Rng(42);
        var counts = new int[1 << n];
        for (var rep = 0; rep < 5; rep++)
        {
            made.Sample(ref rng, s, batch, TestContext.Current.CancellationToken);
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

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    public void Sample_LogitsEqualForwardOfTheSamples(int depth, int width)
    {
        const int n = 7, batch = 5;
        var made = RandomMade(n, depth, width, batch, 51);
        var s = new float[batch * n];
        var rng = new Rng(52);
        made.Sample(ref rng, s, batch, TestContext.Current.CancellationToken);
        var sampled = made.SampledLogits(batch).ToArray();
        var forward = made.Forward(s, batch);
        for (var k = 0; k < sampled.Length; k++) Assert.Equal(forward[k], sampled[k], 1e-4f * (1 + Math.Abs(forward[k])));
    }
}
