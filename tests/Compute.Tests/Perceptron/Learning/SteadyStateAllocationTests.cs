using Compute.Numerics;
using Compute.Perceptron;
using Compute.Perceptron.Learning;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron.Learning;

/// <summary>The hot loops of the perceptron family allocate nothing once their buffers exist.</summary>
public class SteadyStateAllocationTests
{
    private const int N = 64, P = 96;

    private static TrainingSet Data(bool teacher)
    {
        var rng = new Rng(3);
        var data = new TrainingSet(N, P);
        data.FillInputs(P, InputKind.Gaussian, ref rng);
        if (!teacher)
        {
            data.RandomLabels(ref rng);
            return data;
        }
        var t = new float[N];
        rng.FillNormal(t);
        data.TeacherLabels(t, 0, ref rng);
        return data;
    }

    private static long Allocated(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void PerceptronEpoch_SteadyState_AllocatesNothing()
    {
        var data = Data(false);
        var j = new float[N];
        var norm2 = 0.0;
        Assert.Equal(0, Allocated(() => PerceptronRule.Epoch(data.Z.AsSpan(0, P * N), N, j, 0.1, ref norm2)));
    }

    [Fact]
    public void AdatronSweep_SteadyState_AllocatesNothing()
    {
        var data = Data(true);
        var j = new float[N];
        var x = new double[P];
        Assert.Equal(0, Allocated(() => AdatronRule.Sweep(data.Z.AsSpan(0, P * N), N, j, x)));
    }

    [Fact]
    public void SgdEpoch_SteadyState_AllocatesNothing()
    {
        var data = Data(true);
        var j = new float[N];
        var order = Enumerable.Range(0, P).ToArray();
        Assert.Equal(0, Allocated(() => SgdRule.Epoch(data.Z.AsSpan(0, P * N), N, j, SgdLoss.Logistic, 0.1, order)));
    }

    [Fact]
    public void SbpiEpoch_SteadyState_AllocatesNothing()
    {
        var data = Data(false);
        var j = new float[N];
        var h = new float[N];
        var s = new float[N];
        var rng = new Rng(4);
        BinaryWeightRules.TrainSbpi(data, j, h, s, 1, ref rng, TestContext.Current.CancellationToken);
        var before = GC.GetAllocatedBytesForCurrentThread();
        BinaryWeightRules.SbpiEpoch(data, j, h, s, ref rng);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void VersionSpaceSweep_SteadyState_AllocatesNothing()
    {
        var data = Data(true);
        var j = new float[N];
        var ct = TestContext.Current.CancellationToken;
        Assert.True(PerceptronRule.Train(data, j, 0, 10_000, ct).Solved);
        var sampler = new VersionSpaceSampler(N, P);
        sampler.Start(data, j);
        var rng = new Rng(5);
        sampler.Run(1, ref rng, ct);
        var before = GC.GetAllocatedBytesForCurrentThread();
        sampler.Run(2, ref rng, ct);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        // The walk stays in the version space.
        sampler.Current(j);
        Assert.Equal(0, data.TrainingError(j, new float[P]));
    }

    [Fact]
    public void OnlineStep_SteadyState_AllocatesNothing()
    {
        var rng = new Rng(6);
        var t = new float[N];
        var j = new float[N];
        var x = new float[N];
        rng.FillNormal(t);
        rng.FillNormal(j);
        OnlineModel.Step(OnlineRule.Perceptron, 1, 0, t, j, x, ref rng);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 100; k++) OnlineModel.Step(OnlineRule.Hinge, 1, 0.5, t, j, x, ref rng);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
