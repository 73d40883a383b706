using System.Collections.Concurrent;

namespace Portal.Features.Accounts;

/// <summary>
/// Failed sign-ins per (account, client address): after <see cref="FreeAttempts"/> failures that pair waits
/// <see cref="FirstWait"/>, twice as long after each further failure (up to <see cref="MaxWait"/>). Keyed by the address as well as the
/// account, so that nobody can lock someone else out by guessing their password from elsewhere; and kept for
/// addresses of accounts that do not exist alike, so the answer says nothing about which accounts exist.
/// In memory: a restart forgets it, and each web node counts on its own.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeAttempts = 5;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<(string Account, string Address), Entry> _entries = new();

    private sealed record Entry(int Failures, DateTimeOffset BlockedUntil, DateTimeOffset LastFailure);

    /// <summary>How long the pair must still wait before it may try again (zero: it may try now).</summary>
    public TimeSpan WaitFor(string account, string address)
    {
        if (!_entries.TryGetValue(Key(account, address), out var e)) return TimeSpan.Zero;
        var left = e.BlockedUntil - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public void Failed(string account, string address)
    {
        var now = time.GetUtcNow();
        _entries.AddOrUpdate(Key(account, address),
            _ => new Entry(1, now, now),
            (_, e) =>
            {
                var failures = now - e.LastFailure > Forget ? 1 : e.Failures + 1;
                var wait = failures < FreeAttempts ? TimeSpan.Zero
                    : TimeSpan.FromSeconds(Math.Min(MaxWait.TotalSeconds, FirstWait.TotalSeconds * Math.Pow(2, failures - FreeAttempts)));
                return new Entry(failures, now + wait, now);
            });
        if (_entries.Count > 100_000) Prune(now);
    }

    public void Succeeded(string account, string address) => _entries.TryRemove(Key(account, address), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, e) in _entries)
            if (now - e.LastFailure > Forget) _entries.TryRemove(key, out _);
    }

    private static (string, string) Key(string account, string address) => (account.Trim().ToUpperInvariant(), address);
}
