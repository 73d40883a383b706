using System.Collections.Concurrent;
using Compute.Numerics;

namespace Compute.Tests.Numerics;

public class ThreadBudgetTests
{
    private sealed class RecordingPieces(int count) : IPieces
    {
        public ConcurrentDictionary<int, int> Threads { get; } = new();
        public int PieceCount => count;

        public void Compute(int piece)
        {
            // Long enough that a free helper would take some pieces.
            Thread.SpinWait(200_000);
            Threads[Environment.CurrentManagedThreadId] = 1;
        }
    }

    [Fact]
    public void HelperThread_BudgetOfOne_ComputesEveryPieceOnTheCaller()
    {
        var pieces = new RecordingPieces(16);
        using (ThreadBudget.Limit(1)) HelperThread.Run(pieces);
        Assert.Equal([Environment.CurrentManagedThreadId], pieces.Threads.Keys);
    }

    [Fact]
    public void For_BudgetOfOne_RunsOnTheCallerWithOneState()
    {
        var threads = new ConcurrentDictionary<int, int>();
        var states = 0;
        var seen = new int[100];
        using (ThreadBudget.Limit(1))
            ThreadBudget.For(100, () => Interlocked.Increment(ref states), (i, _) => { seen[i]++; threads[Environment.CurrentManagedThreadId] = 1; }, TestContext.Current.CancellationToken);
        Assert.Equal(1, states);
        Assert.All(seen, s => Assert.Equal(1, s));
        Assert.Equal([Environment.CurrentManagedThreadId], threads.Keys);
    }

    [Fact]
    public void For_BudgetOfTwo_UsesAtMostTwoThreadsAndNestedWorkGetsOne()
    {
        var threads = new ConcurrentDictionary<int, int>();
        var nested = new ConcurrentBag<int>();
        using (ThreadBudget.Limit(2))
        {
            ThreadBudget.For(64, () => 0, (_, _) =>
            {
                Thread.SpinWait(50_000);
                threads[Environment.CurrentManagedThreadId] = 1;
                nested.Add(ThreadBudget.Current);
            }, TestContext.Current.CancellationToken);
            Assert.Equal(2, ThreadBudget.Current);
        }
        Assert.InRange(threads.Count, 1, 2);
        Assert.All(nested, b => Assert.Equal(1, b));
    }

    [Fact]
    public void For_BodyThrows_RethrowsTheExceptionItself()
    {
        using var budget = ThreadBudget.Limit(2);
        var e = Assert.Throws<InvalidOperationException>(() =>
            ThreadBudget.For(10, () => 0, (i, _) => { if (i == 3) throw new InvalidOperationException("three"); }, TestContext.Current.CancellationToken));
        Assert.Equal("three", e.Message);
    }

    [Fact]
    public void Limit_ScopesNestAndRestore()
    {
        var outside = ThreadBudget.Current;
        using (ThreadBudget.Limit(3))
        {
            using (ThreadBudget.Limit(1)) Assert.Equal(1, ThreadBudget.Current);
            Assert.Equal(3, ThreadBudget.Current);
        }
        Assert.Equal(outside, ThreadBudget.Current);
    }
}
