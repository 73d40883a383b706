using Compute.EnergyModels.Rbm;

namespace Compute.Tests.EnergyModels.Rbm;

/// <summary>A run over the work limit is refused with the parameters that drive its cost, not one that is already at its minimum.</summary>
public class RbmLimitMessageTests
{
    [Fact]
    public void HugeLayers_WithOneEpoch_NameTheLayersNotEpochs()
    {
        var errors = ModelRunner.Errors(new RbmModel(), 1, out var spec,
            ("dataset", "noisy-prototypes"), ("visible", 4096L), ("hidden", 4096L), ("epochs", 1L));

        Assert.Null(spec);
        var error = Assert.Single(errors);
        Assert.NotEqual("epochs", error.Field);
        Assert.DoesNotContain("epochs (now", error.Message);
        Assert.Contains("hidden (now 4096)", error.Message);
        Assert.Contains("visible (now 4096)", error.Message);
        Assert.Contains("operations; the limit is", error.Message);
        TestContext.Current.TestOutputHelper?.WriteLine($"{error.Field}: {error.Message}");
    }

    [Fact]
    public void ManyEpochs_OfASmallMachine_NameEpochsAmongTheTrainingParameters()
    {
        var errors = ModelRunner.Errors(new RbmModel(), 1, out _,
            ("dataset", "noisy-prototypes"), ("visible", 1024L), ("hidden", 1024L), ("samples", 200_000L), ("epochs", 100_000L), ("likelihood", "none"));

        var error = Assert.Single(errors);
        Assert.Contains("training", error.Message);
        Assert.Contains("epochs (now 100000)", error.Message);
    }

    [Fact]
    public void AnEstimateWithoutTerms_StillNamesItsSizeField()
    {
        var errors = new ResourceEstimate(0, 1e20).Against(Shared.Runs.RunLimits.Default, "N").ToList();
        Assert.Equal("N", Assert.Single(errors).Field);
    }
}
