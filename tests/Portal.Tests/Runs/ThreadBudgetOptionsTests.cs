namespace Portal.Tests.Runs;

public class ThreadBudgetOptionsTests
{
    [Fact]
    public void ThreadsPerRun_Default_LeavesACoreToTheWebCircuits()
    {
        var options = new PortalOptions { Workers = 1 };
        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), options.EffectiveThreadsPerRun);
        Assert.Equal(1, new PortalOptions { Workers = 64 }.EffectiveThreadsPerRun);
    }

    [Fact]
    public void ThreadsPerRun_Configured_IsTaken() => Assert.Equal(3, new PortalOptions { ThreadsPerRun = 3 }.EffectiveThreadsPerRun);
}
