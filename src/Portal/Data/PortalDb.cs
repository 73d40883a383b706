using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Features.Activity;
using Portal.Features.Admin;
using Portal.Features.Comments;
using Portal.Features.Datasets;
using Portal.Features.Models;
using Portal.Features.Reports;
using Portal.Features.Runs;
using Portal.Features.Sharing;
using Portal.Features.Sweeps;
using Portal.Features.Workspaces;

namespace Portal.Data;

/// <summary>
/// The portal's data on SQLite (this class and the migrations in Migrations/) or PostgreSQL
/// (<see cref="PostgresPortalDb"/> and Migrations/Postgres/): one model, a migration history per provider.
/// </summary>
public class PortalDb : IdentityDbContext<PortalUser>
{
    public PortalDb(DbContextOptions<PortalDb> options) : base(options)
    {
        SavingChanges += (_, _) => Portal.Features.Runs.RunValues.CopyOutOfNewRuns(this);
    }

    protected PortalDb(DbContextOptions options) : base(options)
    {
        SavingChanges += (_, _) => Portal.Features.Runs.RunValues.CopyOutOfNewRuns(this);
    }

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<RunTag> RunTags => Set<RunTag>();
    public DbSet<RunValue> RunValues => Set<RunValue>();
    public DbSet<Sweep> Sweeps => Set<Sweep>();
    public DbSet<PortalSetting> Settings => Set<PortalSetting>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Mention> Mentions => Set<Mention>();
    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SessionSlot> SessionSlots => Set<SessionSlot>();
    public DbSet<Portal.Features.Workers.WorkerNode> Workers => Set<Portal.Features.Workers.WorkerNode>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Workspace>(e =>
        {
            e.Property(w => w.Name).HasMaxLength(Workspace.MaxNameLength);
            e.HasMany(w => w.Members).WithOne().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(w => w.PersonalOwnerId);
        });
        b.Entity<WorkspaceMember>(e =>
        {
            e.HasKey(m => new { m.WorkspaceId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Model>(e =>
        {
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.Description).HasMaxLength(4000);
            e.Property(m => m.ModelType).HasMaxLength(100);
            e.HasIndex(m => m.WorkspaceId);
            e.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Versions).WithOne(v => v.Model).HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ModelVersion>(e => e.HasIndex(v => new { v.ModelId, v.Version }).IsUnique());
        b.Entity<Run>(e =>
        {
            // Ends with the id so that filters and sorts over a workspace's runs read this index, not the rows (which hold the
            // result document: on SQLite, reading 10 000 rows costs about 40 ms).
            e.HasIndex(r => new { r.WorkspaceId, r.CreatedAt, r.Id });
            e.HasIndex(r => new { r.WorkspaceId, r.Number }).IsUnique();
            // Partial: almost every run is an original, and SQLite's statistics would otherwise rate an index of nulls useless.
            e.HasIndex(r => r.RerunOfId).HasFilter("\"RerunOfId\" IS NOT NULL");
            e.HasOne<Run>().WithMany().HasForeignKey(r => r.RerunOfId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(r => r.Status);
            e.HasIndex(r => r.SpecHash);
            e.Property(r => r.ModelType).HasMaxLength(100);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.ModelVersion).WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Sweep>(e =>
        {
            e.HasIndex(s => new { s.WorkspaceId, s.CreatedAt });
            e.HasIndex(s => s.ModelId);
            e.Property(s => s.Name).HasMaxLength(Sweep.MaxNameLength);
            e.Property(s => s.ModelType).HasMaxLength(100);
            e.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ModelVersion>().WithMany().HasForeignKey(s => s.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Run>(e =>
        {
            e.HasIndex(r => r.SweepId);
            e.HasOne<Sweep>().WithMany().HasForeignKey(r => r.SweepId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<PortalSetting>().HasKey(s => s.Key);
        b.Entity<Invitation>(e =>
        {
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.HasIndex(i => i.WorkspaceId);
            e.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ShareLink>(e =>
        {
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => new { l.Target, l.TargetId });
            e.HasIndex(l => l.WorkspaceId);
            e.Property(l => l.Target).HasConversion<string>().HasMaxLength(20);
            e.Property(l => l.Note).HasMaxLength(ShareLink.MaxNoteLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(l => l.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Comment>(e =>
        {
            e.HasIndex(c => new { c.Target, c.TargetId, c.CreatedAt });
            e.Property(c => c.Target).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Markdown).HasMaxLength(Comment.MaxLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mention>(e =>
        {
            e.HasIndex(m => new { m.UserId, m.ReadAt });
            e.HasOne<Comment>().WithMany().HasForeignKey(m => m.CommentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        // No foreign keys: entries outlive the users, workspaces and objects they mention.
        b.Entity<ActivityEntry>(e =>
        {
            e.HasIndex(a => new { a.WorkspaceId, a.Id });
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.Action);
            e.Property(a => a.Action).HasMaxLength(50);
            e.Property(a => a.ActorName).HasMaxLength(300);
            e.Property(a => a.WorkspaceName).HasMaxLength(Workspace.MaxNameLength);
            e.Property(a => a.TargetKind).HasMaxLength(30);
            e.Property(a => a.TargetId).HasMaxLength(100);
            e.Property(a => a.Summary).HasMaxLength(1000);
            e.Property(a => a.Address).HasMaxLength(64);
        });
        b.Entity<AccessToken>(e =>
        {
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.Property(t => t.Name).HasMaxLength(AccessToken.MaxNameLength);
            e.Property(t => t.Hint).HasMaxLength(20);
            e.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Dataset>(e =>
        {
            e.Property(d => d.Name).HasMaxLength(200);
            e.HasIndex(d => d.WorkspaceId);
            e.HasOne<Workspace>().WithMany().HasForeignKey(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Report>(e =>
        {
            e.HasIndex(r => new { r.WorkspaceId, r.UpdatedAt });
            e.Property(r => r.Title).HasMaxLength(Report.MaxTitleLength);
            e.Property(r => r.Revision).IsConcurrencyToken();
            e.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Versions).WithOne(v => v.Report).HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ReportVersion>(e =>
        {
            e.HasIndex(v => new { v.ReportId, v.Version }).IsUnique();
            e.Property(v => v.Title).HasMaxLength(Report.MaxTitleLength);
            e.Property(v => v.Note).HasMaxLength(ReportVersion.MaxNoteLength);
        });
        b.Entity<Session>(e =>
        {
            e.HasIndex(s => s.WorkspaceId);
            e.Property(s => s.Title).HasMaxLength(Session.MaxTextLength);
            e.Property(s => s.Venue).HasMaxLength(Session.MaxTextLength);
            e.Property(s => s.Chairs).HasMaxLength(Session.MaxTextLength);
            e.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Slots).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SessionSlot>(e =>
        {
            e.HasIndex(x => new { x.SessionId, x.Order });
            e.Property(x => x.Speaker).HasMaxLength(Session.MaxTextLength);
            e.Property(x => x.Title).HasMaxLength(Session.MaxTextLength);
            e.Property(x => x.Abstract).HasMaxLength(SessionSlot.MaxAbstractLength);
            // A deleted report leaves its slot in the programme, as an external talk with the title it had.
            e.HasOne<Report>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Portal.Features.Workers.WorkerNode>(e =>
        {
            e.Property(w => w.Id).HasMaxLength(Portal.Features.Workers.WorkerNode.MaxNameLength);
            e.Property(w => w.Name).HasMaxLength(Portal.Features.Workers.WorkerNode.MaxNameLength);
            e.Property(w => w.Role).HasMaxLength(20);
        });
        b.Entity<Run>(e =>
        {
            // The runs table's filters within a workspace, each ending in the default order (newest first).
            e.HasIndex(r => new { r.WorkspaceId, r.Status, r.CreatedAt, r.Id });
            e.HasIndex(r => new { r.WorkspaceId, r.ModelType, r.CreatedAt, r.Id });
            e.HasIndex(r => new { r.WorkspaceId, r.CreatedById, r.CreatedAt, r.Id });
            e.Property(r => r.Note).HasMaxLength(RunLabels.MaxNoteLength);
            e.HasMany(r => r.Tags).WithOne().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Values).WithOne().HasForeignKey(v => v.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RunTag>(e =>
        {
            e.HasKey(t => new { t.RunId, t.Tag });
            e.Property(t => t.Tag).HasMaxLength(RunLabels.MaxTagLength);
            e.HasIndex(t => t.Tag);
        });
        b.Entity<RunValue>(e =>
        {
            e.HasKey(v => new { v.RunId, v.Kind, v.Name });
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.Name).HasMaxLength(RunValue.MaxNameLength);
            e.HasIndex(v => new { v.Kind, v.Name, v.Value });
        });
        b.Entity<Run>().HasOne<Dataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Restrict);

        // SQLite has no DateTimeOffset type: store UTC ticks so ordering and comparisons work in SQL.
        // (PostgreSQL stores them as timestamp with time zone; the portal only ever writes UTC.)
        if (!Database.IsSqlite()) return;
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset))
                    property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
                else if (property.ClrType == typeof(DateTimeOffset?))
                    property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
            }
        }
    }
}
