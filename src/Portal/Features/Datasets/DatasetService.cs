using System.Security.Cryptography;
using Compute.EnergyModels.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Datasets;

public sealed record DatasetSummary(Guid Id, Guid WorkspaceId, string Name, int Rows, int Columns, string Format, DateTimeOffset CreatedAt);

/// <summary>Uploaded binary data sets of a workspace: strict parsing, size limits, nothing stored on error.</summary>
public sealed class DatasetService(IDbContextFactory<PortalDb> dbFactory, WorkspaceService workspaces, IOptions<PortalOptions> options)
{
    public long MaxUploadBytes => options.Value.Limits.MaxUploadMegabytes * 1024L * 1024L;

    public async Task<Outcome<DatasetSummary>> UploadAsync(Caller caller, Guid workspaceId, string? name, Stream content, CancellationToken ct = default)
    {
        var access = await workspaces.AccessAsync(caller, workspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<DatasetSummary>.Refused(access, Permission.Edit);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200 || TextRules.HasForbiddenCharacters(name))
            return Outcome<DatasetSummary>.Invalid("name", "name is required (at most 200 characters).");

        // Read at most one byte past the limit so an oversized upload is refused without reading it whole.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxUploadBytes)
                return Outcome<DatasetSummary>.Invalid(BinaryDataParser.Field, $"The file is larger than the upload limit of {options.Value.Limits.MaxUploadMegabytes} MB.");
        }
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Outcome<DatasetSummary>.Invalid(BinaryDataParser.Field, "The file is not text (UTF-8): expected rows of 0/1 values.");
        }
        var errors = new List<FieldError>();
        var matrix = BinaryDataParser.Parse(text, BinaryDataParser.DefaultMaxRows, BinaryDataParser.DefaultMaxColumns, errors, out var format);
        if (matrix is null) return Outcome<DatasetSummary>.Invalid(errors);

        var dataset = new Dataset
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, Name = name.Trim(), Rows = matrix.Rows, Columns = matrix.Columns,
            Data = matrix.Data, Format = format!.Description, ContentHash = Convert.ToHexStringLower(SHA256.HashData(matrix.Data)),
            CreatedById = caller.UserId, CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await QuotaProblemAsync(db, caller, workspaceId, dataset.Data.LongLength, ct) is { } quota)
            return Outcome<DatasetSummary>.Invalid(BinaryDataParser.Field, quota);
        db.Datasets.Add(dataset);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        await Activity.ActivityLog.AddAsync(db, caller.UserId, Activity.ActivityAction.DatasetUploaded,
            $"uploaded the data set “{dataset.Name}” ({dataset.Rows} × {dataset.Columns})", ws, "dataset", dataset.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<DatasetSummary>.Ok(Summary(dataset));
    }

    public async Task<List<DatasetSummary>> ListAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        if (!(await workspaces.AccessAsync(caller, workspaceId, ct)).CanRead) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Datasets.AsNoTracking().Where(d => d.WorkspaceId == workspaceId).OrderByDescending(d => d.CreatedAt)
            .Select(d => new DatasetSummary(d.Id, d.WorkspaceId, d.Name, d.Rows, d.Columns, d.Format, d.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>
    /// The matrix of a data set, loaded without access checks (callers have checked the workspace).
    /// Synchronous: the compute job calls it on its worker thread.
    /// </summary>
    public static (BinaryMatrix Matrix, string ContentHash, Guid WorkspaceId)? Load(PortalDb db, Guid id)
    {
        var d = db.Datasets.AsNoTracking().FirstOrDefault(x => x.Id == id);
        return d is null ? null : (new BinaryMatrix(d.Rows, d.Columns, d.Data), d.ContentHash, d.WorkspaceId);
    }

    /// <summary>Why storing <paramref name="bytes"/> more would exceed the caller's or the workspace's data-set quota, or null.</summary>
    private async Task<string?> QuotaProblemAsync(PortalDb db, Caller caller, Guid workspaceId, long bytes, CancellationToken ct)
    {
        var limits = options.Value.Limits;
        var mine = await db.Datasets.Where(d => d.CreatedById == caller.UserId).SumAsync(d => (long)d.Rows * d.Columns, ct);
        if (mine + bytes > limits.MaxDatasetMegabytesPerUser * 1024L * 1024L)
            return $"Your data sets would take {Megabytes(mine + bytes)} MB; the limit per user is {limits.MaxDatasetMegabytesPerUser} MB. Delete some or ask an admin.";
        var workspace = await db.Datasets.Where(d => d.WorkspaceId == workspaceId).SumAsync(d => (long)d.Rows * d.Columns, ct);
        if (workspace + bytes > limits.MaxDatasetMegabytesPerWorkspace * 1024L * 1024L)
            return $"This workspace's data sets would take {Megabytes(workspace + bytes)} MB; the limit per workspace is {limits.MaxDatasetMegabytesPerWorkspace} MB.";
        return null;
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static DatasetSummary Summary(Dataset d) => new(d.Id, d.WorkspaceId, d.Name, d.Rows, d.Columns, d.Format, d.CreatedAt);
}
