using Portal.Features.Runs;

namespace Portal.Tests.Runs;

public class DurationsTests
{
    [Theory]
    [InlineData(4.24, "4.2 s")]
    [InlineData(59.9, "59.9 s")]
    [InlineData(190, "3 min 10 s")]
    [InlineData(7200, "2 h")]
    [InlineData(-1, "")]
    public void ARunsWallTime_ReadsAsATableCell(double seconds, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void ARowHasADurationOnlyOnceItHasStartedAndFinished()
    {
        var start = DateTimeOffset.UnixEpoch;
        Assert.Equal("", new RunRow { StartedAt = start }.Duration);
        Assert.Equal("1.5 s", new RunRow { StartedAt = start, FinishedAt = start.AddSeconds(1.5) }.Duration);
    }
}
