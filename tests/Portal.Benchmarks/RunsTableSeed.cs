using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Models;
using Portal.Features.Runs;
using Portal.Features.Sweeps;
using Portal.Features.Workspaces;
using Shared.Results;

namespace Portal.Benchmarks;

public sealed record SeededWorld(string UserId, string OtherUserId, Guid WorkspaceId, Guid ModelId, Guid SweepId, DateTimeOffset Now, int ValueRows);

/// <summary>
/// One busy workspace: two authors, 20 models of four types, 200 sweeps of equal size and the remaining runs standalone, over the
/// last 60 days, in every status; succeeded runs carry a result document with five metrics and a 200-point series (so rows
/// are as heavy as real ones), one run in ten a tag. Seeded through <see cref="PortalDb"/>, so values are copied as in the portal.
/// </summary>
public static class RunsTableSeed
{
    private static readonly string[] Types = ["perceptron.teacher-student", "ebm.rbm", "flow.phi4", "perceptron.capacity"];
    private static readonly RunStatus[] Statuses =
        [RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded,
         RunStatus.Failed, RunStatus.Cancelled, RunStatus.Queued, RunStatus.Running];

    /// <param name="password">When given, both authors can sign in with it (the first is an admin), as the load workload needs.</param>
    /// <param name="liveRuns">Whether some runs are left Queued or Running; a portal started over the data would pick those up.</param>
    public static async Task<SeededWorld> SeedAsync(IDbContextFactory<PortalDb> factory, int runCount, int sweeps, string? password = null, bool liveRuns = true)
    {
        var rng = new Random(20261205);
        var now = DateTimeOffset.UtcNow;
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var users = new[] { new PortalUser { Id = Guid.NewGuid().ToString(), UserName = "ada@bench.org", Email = "ada@bench.org", NormalizedEmail = "ADA@BENCH.ORG", DisplayName = "Ada" },
                            new PortalUser { Id = Guid.NewGuid().ToString(), UserName = "bo@bench.org", Email = "bo@bench.org", NormalizedEmail = "BO@BENCH.ORG", DisplayName = "Bo" } };
        foreach (var user in users)
        {
            user.NormalizedUserName = user.NormalizedEmail;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.EmailConfirmed = true;
            if (password is not null) user.PasswordHash = new PasswordHasher<PortalUser>().HashPassword(user, password);
        }
        var workspace = new Workspace { Id = Guid.CreateVersion7(), Name = "Bench", CreatedAt = now, CreatedById = users[0].Id };
        var models = Enumerable.Range(0, 20).Select(i => new Model
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspace.Id, Name = $"Model {i:00}", ModelType = Types[i % Types.Length], CreatedAt = now, LatestVersion = 1,
            Versions = [new ModelVersion { Id = Guid.CreateVersion7(), Version = 1, ParametersJson = "{}", CreatedAt = now }],
        }).ToList();
        var sweepRows = Enumerable.Range(0, sweeps).Select(i => new Sweep
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspace.Id, ModelId = models[i % models.Count].Id, ModelVersionId = models[i % models.Count].Versions[0].Id,
            Name = $"Sweep {i}", ModelType = models[i % models.Count].ModelType, CreatedAt = now,
        }).ToList();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Users.AddRange(users);
            db.Workspaces.Add(workspace);
            db.WorkspaceMembers.AddRange(users.Select(u => new WorkspaceMember { WorkspaceId = workspace.Id, UserId = u.Id, Role = WorkspaceRole.Owner, JoinedAt = now }));
            db.Models.AddRange(models);
            db.Sweeps.AddRange(sweepRows);
            if (password is not null)
            {
                var admin = new IdentityRole(Caller.AdminRole) { NormalizedName = Caller.AdminRole.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() };
                if (await db.Roles.FirstOrDefaultAsync(r => r.Name == Caller.AdminRole) is { } existing) admin = existing;
                else db.Roles.Add(admin);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = users[0].Id, RoleId = admin.Id });
            }
            await db.SaveChangesAsync();
        }

        var inSweeps = runCount / 2;
        var perSweep = Math.Max(1, inSweeps / sweeps);
        for (var start = 0; start < runCount; start += 500)
        {
            await using var db = await factory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var batch = new List<Run>();
            for (var i = start; i < Math.Min(runCount, start + 500); i++)
            {
                var sweep = i < perSweep * sweeps ? sweepRows[i / perSweep] : null;
                var model = sweep is null ? models[rng.Next(models.Count)] : models.First(m => m.Id == sweep.ModelId);
                var status = Statuses[rng.Next(Statuses.Length)];
                if (!liveRuns && status is RunStatus.Queued or RunStatus.Running) status = RunStatus.Cancelled;
                var created = now.AddSeconds(-rng.Next(60 * 24 * 3600));
                var alpha = Math.Round(rng.NextDouble() * 3, 2);
                var n = new[] { 100, 200, 400 }[rng.Next(3)];
                var parameters = string.Create(CultureInfo.InvariantCulture,
                    $"\"N\":{n},\"alpha\":{alpha},\"beta\":{Math.Round(rng.NextDouble() * 2, 3)},\"samples\":{rng.Next(1, 50)},\"lr\":0.01,\"exact\":true");
                var spec = "{\"modelType\":\"" + model.ModelType + "\",\"seed\":" + i + ",\"parameters\":{" + parameters + "}}";
                var run = new Run
                {
                    Id = Guid.CreateVersion7(created), WorkspaceId = workspace.Id, ModelVersionId = model.Versions[0].Id, ModelType = model.ModelType, Seed = i,
                    SpecJson = spec, SpecHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(spec))), SoftwareVersion = "bench", Status = status,
                    CreatedById = users[rng.Next(2)].Id, CreatedAt = created, StartedAt = status == RunStatus.Queued ? null : created.AddSeconds(5),
                    FinishedAt = status is RunStatus.Queued or RunStatus.Running ? null : created.AddSeconds(5 + rng.Next(600)),
                    Progress = status == RunStatus.Succeeded ? 1 : rng.NextDouble(), SweepId = sweep?.Id,
                    ResultJson = status == RunStatus.Succeeded ? Result(model.ModelType, alpha, rng) : null,
                    Error = status == RunStatus.Failed ? "diverged" : null,
                    Verdict = status != RunStatus.Succeeded ? null : rng.Next(10) switch { 0 => RunVerdict.Disagrees, 1 => RunVerdict.Inconclusive, _ => RunVerdict.Agrees },
                };
                if (i % 10 == 0) run.Tags.Add(new RunTag { RunId = run.Id, Tag = "fig-3" });
                if (i % 25 == 0) run.Tags.Add(new RunTag { RunId = run.Id, Tag = "production" });
                batch.Add(run);
            }
            await RunNumbers.AssignAsync(db, workspace.Id, batch, CancellationToken.None);
            db.Runs.AddRange(batch);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
            return new SeededWorld(users[0].Id, users[1].Id, workspace.Id, models[3].Id, sweepRows[17].Id, now, await db.RunValues.CountAsync());
        }
    }

    private static string Result(string type, double alpha, Random rng)
    {
        var x = Enumerable.Range(0, 200).Select(i => i * 0.05).ToArray();
        var y = x.Select(v => Math.Exp(-v) + 0.01 * rng.NextDouble()).ToArray();
        return ResultJson.Serialize(new ResultDocument
        {
            ModelType = type,
            Metrics =
            [
                new Metric("gen_error", "ε_g", 0.5 * Math.Exp(-alpha) + 0.02 * rng.NextDouble(), 0.01),
                new Metric("train_error", "ε_t", 0.1 * rng.NextDouble()),
                new Metric("overlap", "R", rng.NextDouble()),
                new Metric("free_energy", "f", -1 - rng.NextDouble()),
                new Metric("acceptance", "acc", rng.NextDouble()),
            ],
            Series = [new Series("learning_curve", "α", "ε", x, y)],
        });
    }
}
