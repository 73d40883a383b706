namespace Portal.Features.Runs;

/// <summary>
/// The order in which <see cref="FairQueue"/> will start the runs waiting now, if no run finishes and nothing new arrives:
/// repeatedly the oldest run of the user with the fewest running runs, the user given a slot longest ago first. It is a
/// prediction (a run finishing or a new user's run reorders it) and ignores the per-user share, which only delays a user.
/// </summary>
public static class QueueOrder
{
    /// <summary>A waiting run as the fair queue sees it.</summary>
    public readonly record struct Waiting(Guid Id, string? User, DateTimeOffset CreatedAt);

    /// <summary>
    /// The waiting runs in predicted start order. <paramref name="running"/> counts each user's running runs and
    /// <paramref name="lastStart"/> holds when each user was last given a slot (users absent from it never were).
    /// </summary>
    public static List<Guid> Predict(IEnumerable<Waiting> waiting, IReadOnlyDictionary<string, int> running, IReadOnlyDictionary<string, DateTimeOffset> lastStart)
    {
        var queues = waiting.GroupBy(w => w.User ?? "")
            .ToDictionary(g => g.Key, g => new Queue<Waiting>(g.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)));
        var slots = queues.Keys.ToDictionary(u => u, u => running.GetValueOrDefault(u));
        var started = queues.Keys.Where(lastStart.ContainsKey).ToDictionary(u => u, u => lastStart[u]);
        // Each simulated claim stamps its user later than every real start.
        var clock = lastStart.Values.DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var order = new List<Guid>();
        while (queues.Count > 0)
        {
            var fewest = queues.Keys.Min(u => slots[u]);
            var user = queues.Keys.Where(u => slots[u] == fewest)
                .OrderBy(u => started.ContainsKey(u) ? 1 : 0)
                .ThenBy(u => started.GetValueOrDefault(u))
                .ThenBy(u => queues[u].Peek().CreatedAt)
                .First();
            order.Add(queues[user].Dequeue().Id);
            if (queues[user].Count == 0) queues.Remove(user);
            slots[user]++;
            clock = clock.AddTicks(1);
            started[user] = clock;
        }
        return order;
    }
}
