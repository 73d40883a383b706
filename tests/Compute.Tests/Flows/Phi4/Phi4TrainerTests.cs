using Compute.Flows.Phi4;

namespace Compute.Tests.Flows.Phi4;

public class Phi4TrainerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Step_SteadyState_AllocatesNothing(bool convolutional)
    {
        var flow = new Phi4Flow<float>(new FlowArchitecture(8, 4, convolutional, 2, convolutional ? 8 : 64), 64, seed: 1);
        var trainer = new Phi4Trainer(flow, new Phi4Action(8, -4, 8), 64, 1e-3, seed: 2);
        for (var i = 0; i < 3; i++) trainer.Step();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++) trainer.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Step_LearnsFreeField_LossApproachesMinusLogZ()
    {
        // Reverse KL ≥ −ln Z; training must close most of the initial gap on a free field.
        var flow = new Phi4Flow<float>(new FlowArchitecture(4, 4, true, 2, 4), 64, seed: 3);
        var trainer = new Phi4Trainer(flow, new Phi4Action(4, 1.0, 0), 64, 3e-3, seed: 4);
        var exact = -Phi4Action.FreeFieldLogZ(4, 1.0);
        var first = trainer.Step().Loss;
        var last = 0.0;
        for (var i = 0; i < 300; i++) last = trainer.Step().Loss;
        Assert.True(first - exact > 1, $"initial gap {first - exact} unexpectedly small");
        Assert.True(last - exact < 0.25 * (first - exact), $"loss {last} vs −ln Z {exact} (start {first})");
    }

    [Fact]
    public void Step_NaNParameters_ReturnsNonFiniteLossWithoutStepping()
    {
        var flow = new Phi4Flow<float>(new FlowArchitecture(4, 2, true, 1, 2), 8, seed: 5);
        var trainer = new Phi4Trainer(flow, new Phi4Action(4, -4, 8), 8, 1e-3, seed: 6);
        flow.Parameters.Values[0] = float.NaN;
        Assert.False(double.IsFinite(trainer.Step().Loss));
        Assert.Equal(0, trainer.Steps);
    }
}
