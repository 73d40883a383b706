namespace Portal.Features.Reports;

/// <summary>A programme of talks (a conference session, a group meeting): ordered slots, each a report or an external talk.</summary>
public sealed class Session
{
    public const int MaxTextLength = 300;
    public const int MaxSlots = 40;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly? Date { get; set; }
    public string Venue { get; set; } = "";

    /// <summary>The chairs' names, comma-separated as typed.</summary>
    public string Chairs { get; set; } = "";

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<SessionSlot> Slots { get; set; } = [];
}

public sealed class SessionSlot
{
    public const int MaxAbstractLength = 4000;

    public Guid Id { get; set; }
    public Guid SessionId { get; set; }

    /// <summary>Position in the programme (0, 1, …).</summary>
    public int Order { get; set; }

    public TimeOnly? Start { get; set; }
    public int DurationMinutes { get; set; }
    public string Speaker { get; set; } = "";

    /// <summary>The talk's report in the same workspace, or null for an external talk (then <see cref="Title"/> names it).</summary>
    public Guid? ReportId { get; set; }

    public string Title { get; set; } = "";
    public string Abstract { get; set; } = "";
}
