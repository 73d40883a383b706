namespace Portal.Features.Reports;

/// <summary>
/// A report: one Markdown source (front matter, math, embeds of runs) read as a paper or presented as a talk.
/// The draft is edited in place under optimistic concurrency (<see cref="Revision"/>); publishing copies it into
/// an immutable <see cref="ReportVersion"/>.
/// </summary>
public sealed class Report
{
    public const int MaxSourceLength = 200_000;
    public const int MaxTitleLength = 300;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }

    /// <summary>The front matter's title at the last save (for lists; the source is the truth).</summary>
    public string Title { get; set; } = "";

    public string Source { get; set; } = "";

    /// <summary>Counts saves of the draft: a save names the revision it started from, and a stale one is refused.</summary>
    public int Revision { get; set; }

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int LatestVersion { get; set; }

    public List<ReportVersion> Versions { get; set; } = [];
}

/// <summary>
/// Version n of a report as published: its source, the paper rendered at that moment (sanitized, figures as SVG),
/// and the frozen values of every embedded run it could show, so that it reads the same when the runs change or go.
/// </summary>
public sealed class ReportVersion
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string Source { get; set; } = "";

    /// <summary>The embedded runs' figures, metrics and checks as they were (<see cref="FrozenEmbeds"/> as JSON).</summary>
    public string FrozenJson { get; set; } = "{}";

    /// <summary>The paper as rendered when published: sanitized HTML with figures as inline SVG.</summary>
    public string Html { get; set; } = "";

    public string? Note { get; set; }
    public string? PublishedById { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    public Report? Report { get; set; }
}
