using System.Runtime.ExceptionServices;

namespace Compute.Numerics;

/// <summary>
/// How many threads the computation on the current thread may use. A run sets it from its budget (see
/// <see cref="RunContext"/>) on the thread that runs the model; <see cref="For{TLocal}"/> sets it to 1 on the threads of
/// its split, so parallel code nested inside a parallel loop (a product that would call the helper thread, an
/// enumeration inside a sample) runs serially and the run never holds more threads than its budget. Outside any run
/// (benchmarks, library callers) the budget is two threads: the caller and <see cref="HelperThread"/>, as before budgets.
/// The value is thread-static because the numerics are synchronous: the thread that computes is the one that asks.
/// </summary>
public static class ThreadBudget
{
    [ThreadStatic] private static int _threads;

    /// <summary>Threads the current thread's computation may use (≥ 1).</summary>
    public static int Current => _threads > 0 ? _threads : Math.Min(2, Environment.ProcessorCount);

    /// <summary>Sets the budget of the current thread until the returned scope is disposed (scopes nest).</summary>
    public static Scope Limit(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var scope = new Scope(_threads);
        _threads = threads;
        return scope;
    }

    /// <summary>Restores the budget that was in force before <see cref="Limit"/>.</summary>
    public readonly struct Scope(int previous) : IDisposable
    {
        public void Dispose() => _threads = previous;
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>) on at most <see cref="Current"/>
    /// threads, each with its own state from <paramref name="init"/> (scratch buffers: results must be written by index,
    /// so they do not depend on which thread computed which index). With a budget of one thread everything runs on the
    /// caller with a single state. Stops at the next index once <paramref name="ct"/> fires (OperationCanceledException);
    /// the first exception of a body is rethrown as itself.
    /// </summary>
    public static void For<TLocal>(int count, Func<TLocal> init, Action<int, TLocal> body, CancellationToken ct)
    {
        var threads = Math.Min(Current, count);
        if (threads <= 1)
        {
            if (count <= 0) return;
            var local = init();
            for (var i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                body(i, local);
            }
            return;
        }
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = threads };
        try
        {
            Parallel.For(0, count, options, init, (i, _, local) =>
            {
                // Each thread of the split is one thread of the budget: nothing nested may add more.
                var outer = _threads;
                _threads = 1;
                try { body(i, local); }
                finally { _threads = outer; }
                return local;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }
}
