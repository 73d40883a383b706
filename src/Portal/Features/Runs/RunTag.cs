namespace Portal.Features.Runs;

/// <summary>A short label an Editor puts on a run ("production", "diverged", "fig-3") to find it again.</summary>
public sealed class RunTag
{
    public Guid RunId { get; set; }

    /// <summary>Lower-case, trimmed, inner spaces kept (see <see cref="RunLabels.NormalizeTag"/>).</summary>
    public string Tag { get; set; } = "";
}
