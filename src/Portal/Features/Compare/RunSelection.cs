namespace Portal.Features.Compare;

/// <summary>Runs ticked in a run list, in the order they were ticked, and the comparison they open.</summary>
public sealed class RunSelection
{
    private readonly List<Guid> _ids = [];

    public IReadOnlyList<Guid> Ids => _ids;

    /// <summary>Raised after a tick changes, so that the list's compare button (a sibling of the boxes) redraws.</summary>
    public event Action? Changed;

    public bool Contains(Guid id) => _ids.Contains(id);

    public void Set(Guid id, bool selected)
    {
        if (!selected) _ids.Remove(id);
        else if (!_ids.Contains(id)) _ids.Add(id);
        Changed?.Invoke();
    }

    public bool CanCompare => _ids.Count is >= CompareSelection.MinRuns and <= CompareSelection.MaxRuns;

    public string CompareLink => CompareSelection.Link(_ids);
}
