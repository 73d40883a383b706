using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Portal.Features.Workers;

/// <summary>Who this process is among the workers: its name and the node id its runs carry in <c>Run.Worker</c>.</summary>
public sealed class WorkerIdentity(IOptions<PortalOptions> options)
{
    public string Name { get; } = string.IsNullOrWhiteSpace(options.Value.WorkerName) ? Environment.MachineName : options.Value.WorkerName.Trim();

    // The random part tells apart two lives of one container, whose process id is the same after a restart.
    public string NodeId => _nodeId ??= Truncate($"{Name}:{Environment.ProcessId}:{RandomNumberGenerator.GetHexString(6, lowercase: true)}");

    private string? _nodeId;

    /// <summary>What a run executing on the given thread of this process records as its worker.</summary>
    public string RunWorker(int thread) => $"{NodeId}/t{thread}";

    /// <summary>Whether a run's recorded worker is a thread of the given node.</summary>
    public static bool IsOnNode(string? runWorker, string nodeId) => runWorker is not null && runWorker.StartsWith(nodeId + "/", StringComparison.Ordinal);

    private static string Truncate(string s) => s.Length <= WorkerNode.MaxNameLength ? s : s[..WorkerNode.MaxNameLength];
}
