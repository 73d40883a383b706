using Compute.Numerics;
using Shared.Runs;

namespace Compute.Tests.Runs;

public class RunContextTests
{
    private sealed class Recorder : IProgress<RunProgress>
    {
        public List<RunProgress> Reports { get; } = [];
        public void Report(RunProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Stages_WeightTheirShareOfTheBar()
    {
        var recorder = new Recorder();
        using var context = new RunContext(1, TestContext.Current.CancellationToken, recorder);
        var training = context.Stage("training", 3);
        var sampling = context.Stage("sampling", 1);
        training.Report(1, 2, "half");
        training.Report(2, 2);
        sampling.Report(1, 2, "chain 1");
        sampling.Report(2, 2);
        Assert.Equal([0.375, 0.75, 0.875, 1.0], recorder.Reports.Select(r => r.Fraction));
        Assert.Equal("training: half", recorder.Reports[0].Stage);
        Assert.Equal("sampling", recorder.Reports[^1].Stage);
    }

    [Fact]
    public void Stages_ReportsOutOfOrder_NeverMoveTheBarBack()
    {
        var recorder = new Recorder();
        using var context = new RunContext(1, TestContext.Current.CancellationToken, recorder);
        var stage = context.Stage("samples");
        stage.Report(5, 10);
        stage.Report(4, 10);
        Assert.Equal([0.5, 0.5], recorder.Reports.Select(r => r.Fraction));
    }

    [Fact]
    public void Context_SetsTheThreadBudgetForItsLifetime()
    {
        var before = ThreadBudget.Current;
        using (new RunContext(1, TestContext.Current.CancellationToken))
            Assert.Equal(1, ThreadBudget.Current);
        Assert.Equal(before, ThreadBudget.Current);
    }

    [Fact]
    public void LiveSeries_BeyondCapacity_KeepsAnEvenlyThinnedCurve()
    {
        using var context = RunContext.Serial(TestContext.Current.CancellationToken);
        var series = context.Series("loss", "step", "loss");
        Assert.Same(series, context.Series("loss", "step", "loss"));
        var offered = 3 * LiveSeries.Capacity + 5;
        for (var i = 0; i < offered; i++) series.Add(i, 2.0 * i);
        var snapshot = context.RecordedSeries().Single();
        // After two halvings every fourth point is kept, starting at 0.
        Assert.InRange(snapshot.X.Length, LiveSeries.Capacity / 2, LiveSeries.Capacity);
        for (var k = 0; k < snapshot.X.Length; k++)
        {
            Assert.Equal(4.0 * k, snapshot.X[k]);
            Assert.Equal(8.0 * k, snapshot.Y[k]);
        }
        Assert.Equal(4.0 * ((offered - 1) / 4), snapshot.X[^1]);
    }

    [Fact]
    public void LiveSeries_SteadyStateAdd_AllocatesNothing()
    {
        using var context = RunContext.Serial(TestContext.Current.CancellationToken);
        var series = context.Series("e", "sweep", "e");
        for (var i = 0; i < 3 * LiveSeries.Capacity; i++) series.Add(i, i);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3 * LiveSeries.Capacity; i++) series.Add(i, i);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Fail_WithoutAPartialOfItsOwn_CarriesTheLiveSeries()
    {
        using var context = RunContext.Serial(TestContext.Current.CancellationToken);
        var loss = context.Series("loss", "epoch", "loss");
        loss.Add(1, 0.5);
        loss.Add(2, 0.25);
        context.Series("unused", "x", "y");
        var failure = context.Fail("ebm.rbm", "diverged in epoch 3");
        Assert.Equal("diverged in epoch 3", failure.Message);
        var partial = failure.Partial!;
        Assert.Equal("ebm.rbm", partial.ModelType);
        Assert.Equal([1.0, 2.0], partial.Series.Single().X);
        Assert.Single(partial.Figures);
        Assert.Empty(partial.Checks);
    }

    [Fact]
    public void Fail_NothingRecorded_HasNoPartial()
    {
        using var context = RunContext.Serial(TestContext.Current.CancellationToken);
        Assert.Null(context.Fail("ebm.sk", "energy became NaN").Partial);
    }
}
