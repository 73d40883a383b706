using Portal.Features.Runs;

namespace Portal.Tests.Runs;

public class RunKeyParametersTests
{
    [Fact]
    public void NamesTheParametersThatDifferFromTheDefaults_InSchemaOrder_AndCountsTheRest()
    {
        Assert.Equal("defaults", Describe(RunHarness.HebbSpec(1)));
        Assert.Equal("N=120, alphaMax=2.5", Describe(RunHarness.HebbSpec(1, ("alphaMax", 2.5), ("N", 120))));
        // A value set to its default is not a difference.
        Assert.Equal("N=120", Describe(RunHarness.HebbSpec(1, ("N", 120), ("alphaMax", 10.0))));
        Assert.Equal("N=50, alphaMax=1.5, checkpoints=3, samples=4, … (+1)",
            Describe(RunHarness.HebbSpec(1, ("N", 50), ("alphaMax", 1.5), ("checkpoints", 3), ("samples", 4), ("testSize", 300))));
    }

    [Fact]
    public void UnknownTypesAndUnreadableSpecs_DescribeNothing()
    {
        Assert.Equal("", RunKeyParameters.Describe("no.such-type", "{}"));
        Assert.Equal("", RunKeyParameters.Describe(Compute.Perceptron.OnlineHebbModel.Id, "{not json"));
        Assert.Equal("", RunKeyParameters.Describe(Compute.Perceptron.OnlineHebbModel.Id, null));
    }

    private static string Describe(Shared.Runs.RunSpec spec) => RunKeyParameters.Describe(spec.ModelType, spec.ToCanonicalJson());
}
