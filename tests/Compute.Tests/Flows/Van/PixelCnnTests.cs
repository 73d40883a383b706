using Compute.Flows.Van;
using Compute.Numerics;

namespace Compute.Tests.Flows.Van;

public class PixelCnnTests
{
    private static PixelCnn RandomPixelCnn(int size, int depth, int channels, int halfKernel, int maxBatch, ulong seed)
    {
        var net = new PixelCnn(size, depth, channels, halfKernel, maxBatch);
        var rng = new Rng(seed);
        net.Initialize(ref rng);
        var p = net.Parameters.Values;
        // Larger weights make q far from uniform, so the checks have teeth.
        for (var k = 0; k < p.Length; k++) p[k] *= 2.5f;
        return net;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    public void Forward_PerturbingSpinJ_ChangesOnlyLogitsAfterJ(int depth, int halfKernel)
    {
        const int size = 4, n = 16;
        var net = RandomPixelCnn(size, depth, 3, halfKernel, 1, 11);
        var rng = new Rng(12);
        var s = new float[n];
        for (var i = 0; i < n; i++) s[i] = rng.NextSign();
        var reference = net.Forward(s, 1).ToArray();
        for (var j = 0; j < n; j++)
        {
            var t = (float[])s.Clone();
            t[j] = -t[j];
            var logits = net.Forward(t, 1);
            for (var i = 0; i <= j; i++)
                Assert.True(reference[i] == logits[i], $"logit {i} changed when spin {j} was flipped");
            if (j % size + 1 < size) Assert.NotEqual(reference[j + 1], logits[j + 1]);
        }
    }

    [Fact]
    public void LogProbabilities_AllConfigurations_SumToOne()
    {
        const int size = 3, n = 9, count = 1 << n;
        var net = RandomPixelCnn(size, 3, 4, 1, count, 21);
        var s = new float[count * n];
        for (var c = 0; c < count; c++)
            for (var i = 0; i < n; i++) s[c * n + i] = ((c >> i) & 1) == 1 ? 1f : -1f;
        var logQ = new double[count];
        net.LogProbabilities(s, net.Forward(s, count), logQ, count);
        Assert.Equal(0.0, Special.LogSumExp(logQ), 1e-5);
        Assert.True(logQ.Max() - logQ.Min() > 1.0, $"ln q spans only {logQ.Max() - logQ.Min()}");
    }

    [Fact]
    public void Sample_LogitsEqualForwardOfTheSamples()
    {
        const int size = 4, batch = 5;
        var net = RandomPixelCnn(size, 3, 3, 2, batch, 31);
        var s = new float[batch * size * size];
        var rng = new Rng(32);
        net.Sample(ref rng, s, batch, TestContext.Current.CancellationToken);
        var sampled = net.SampledLogits(batch).ToArray();
        var forward = net.Forward(s, batch);
        for (var k = 0; k < sampled.Length; k++) Assert.Equal(forward[k], sampled[k], 1e-4f * (1 + Math.Abs(forward[k])));
    }
}
