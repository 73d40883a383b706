using System.Runtime.ExceptionServices;

namespace Compute.Numerics;

/// <summary>Work cut into independent pieces that any thread may compute, in any order, each exactly once.</summary>
public interface IPieces
{
    int PieceCount { get; }

    void Compute(int piece);
}

/// <summary>
/// One persistent background thread that helps whichever caller holds it (the machines here have two cores: the
/// caller's and this one). The caller and the helper claim pieces until none is left, so a helper the OS
/// schedules late costs nothing: the caller then computes every piece itself. A caller that finds the helper busy
/// (another product, or a piece of an outer split that itself multiplies) computes everything alone, so nested and
/// concurrent users never wait for each other and never oversubscribe the cores. Results never depend on who
/// computed a piece. The hand-off uses two reusable events: a steady-state call allocates nothing.
/// </summary>
public sealed class HelperThread
{
    private const int Idle = 0, Pending = 1, Running = 2, Cancelled = 3;

    private static readonly Lazy<HelperThread> Instance = new(() => new HelperThread(), LazyThreadSafetyMode.ExecutionAndPublication);

    // The helper spins a while before it sleeps: an RBM step hands it about 66 short jobs back to back, and waking a
    // sleeping thread took long enough that spinning made the rbm-pcd epoch 11 % shorter (median of 5 alternating runs).
    private readonly ManualResetEventSlim _start = new(false, 2000);
    private readonly ManualResetEventSlim _done = new(false);
    private readonly ManualResetEventSlim _ready = new(false);
    private int _busy;
    private int _state;
    private int _next;
    private IPieces? _work;
    private ExceptionDispatchInfo? _error;
    private long _allocatedBytes;

    private HelperThread()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "Compute helper" };
        thread.Start();
        // Returns once the helper has published its allocation baseline.
        _ready.Wait();
    }

    /// <summary>Bytes the helper thread has allocated so far, as of its last finished job (zero-allocation tests read it).</summary>
    public static long AllocatedBytes => Instance.IsValueCreated ? Volatile.Read(ref Instance.Value._allocatedBytes) : 0;

    /// <summary>
    /// Computes every piece of <paramref name="work"/>, on this thread and, when it is free and the thread budget of
    /// this thread allows two threads (<see cref="ThreadBudget.Current"/>), the helper.
    /// </summary>
    public static void Run(IPieces work, bool allowHelper = true)
    {
        var count = work.PieceCount;
        if (count < 2 || !allowHelper || ThreadBudget.Current < 2)
        {
            for (var piece = 0; piece < count; piece++) work.Compute(piece);
            return;
        }
        var helper = Instance.Value;
        if (Interlocked.CompareExchange(ref helper._busy, 1, 0) != 0)
        {
            for (var piece = 0; piece < count; piece++) work.Compute(piece);
            return;
        }
        helper.Publish(work);
        try
        {
            while (helper.TryClaim(out var piece)) work.Compute(piece);
        }
        finally
        {
            // Returns only once the helper no longer touches the work (callers may pin memory only for this call).
            helper.FinishAndRelease();
        }
    }

    private void Publish(IPieces work)
    {
        _work = work;
        _error = null;
        _next = 0;
        _done.Reset();
        // The job's fields are written before the state that makes them visible to the helper.
        Volatile.Write(ref _state, Pending);
        _start.Set();
    }

    private bool TryClaim(out int piece)
    {
        piece = Interlocked.Increment(ref _next) - 1;
        return piece < _work!.PieceCount;
    }

    private void FinishAndRelease()
    {
        // Still Pending: the helper never took the job and will not touch it. Otherwise wait for it to finish.
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) != Pending) _done.Wait();
        var error = _error;
        _error = null;
        _work = null;
        Volatile.Write(ref _state, Idle);
        Volatile.Write(ref _busy, 0);
        error?.Throw();
    }

    private void Loop()
    {
        Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        _ready.Set();
        while (true)
        {
            _start.Wait();
            _start.Reset();
            // A job cancelled (or finished) before this thread woke is not ours to touch.
            if (Interlocked.CompareExchange(ref _state, Running, Pending) != Pending) continue;
            try
            {
                while (TryClaim(out var piece)) _work!.Compute(piece);
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
                // Leave no piece unclaimed behind a failure: the caller's loop then ends too.
                Interlocked.Exchange(ref _next, int.MaxValue / 2);
            }
            Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
            _done.Set();
        }
    }
}
