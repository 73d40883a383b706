namespace Portal.Features.Runs;

public enum ReproductionState
{
    /// <summary>The re-run (or its original) has not finished yet.</summary>
    Waiting,
    /// <summary>Both succeeded and their canonical result documents are identical, byte for byte.</summary>
    Reproduced,
    /// <summary>Both succeeded and some values differ (listed).</summary>
    Differs,
    /// <summary>One of them did not succeed, so there are no two results to compare.</summary>
    NotComparable,
}

/// <summary>How a re-run compares with the run it repeats ("Run again").</summary>
public sealed record Reproduction(
    Guid OriginalId, int OriginalNumber, ReproductionState State, string? OriginalResultHash, string? ResultHash,
    IReadOnlyList<ResultDifference> Differences, int DifferenceCount, string Message)
{
    /// <summary>Compares the stored results of <paramref name="original"/> and its re-run <paramref name="rerun"/>.</summary>
    public static Reproduction Of(Run original, Run rerun)
    {
        if (!original.IsFinished || !rerun.IsFinished)
            return new(original.Id, original.Number, ReproductionState.Waiting, null, null, [], 0,
                $"Waiting for {(rerun.IsFinished ? "the original " + original.Label : "the re-run")} to finish.");
        if (original.Status != RunStatus.Succeeded || rerun.Status != RunStatus.Succeeded || original.ResultJson is null || rerun.ResultJson is null)
            return new(original.Id, original.Number, ReproductionState.NotComparable, null, null, [], 0,
                $"Nothing to compare: the original {original.Label} {original.Status.ToString().ToLowerInvariant()}, this re-run {rerun.Status.ToString().ToLowerInvariant()}.");
        var (hashA, hashB) = (ResultFingerprint.Hash(original.ResultJson), ResultFingerprint.Hash(rerun.ResultJson));
        if (hashA == hashB)
            return new(original.Id, original.Number, ReproductionState.Reproduced, hashA, hashB, [], 0, $"Reproduced {original.Label} bit for bit.");
        var (listed, total) = ResultFingerprint.Differences(original.ResultJson, rerun.ResultJson);
        return new(original.Id, original.Number, ReproductionState.Differs, hashA, hashB, listed, total,
            total == 0
                ? $"The result documents of {original.Label} and this re-run differ only in form (hashes differ, no value does)."
                : $"{total} {(total == 1 ? "value differs" : "values differ")} from {original.Label}{(total > listed.Count ? $" (the first {listed.Count} listed)" : "")}.");
    }
}
