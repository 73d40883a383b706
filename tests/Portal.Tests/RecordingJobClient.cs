using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Portal.Tests;

/// <summary>A job client that records what would be enqueued, so tests can see the queue without a server.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Enqueued { get; } = [];

    public string Create(Job job, IState state)
    {
        Enqueued.Add(job);
        return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;

    public IEnumerable<Guid> EnqueuedRunIds => Enqueued.Select(j => (Guid)j.Args[0]);
}
