using System.Security.Cryptography;
using System.Text;
using Shared.Models;

namespace Shared.Runs;

/// <summary>
/// Everything a computation needs: the model type, its resolved parameters and the seed.
/// Data sets referenced by the parameters (uploads) travel in <see cref="Datasets"/>, keyed by parameter name.
/// </summary>
public sealed record RunSpec(string ModelType, ParameterValues Parameters, long Seed)
{
    public IReadOnlyDictionary<string, BinaryMatrix> Datasets { get; init; } = new Dictionary<string, BinaryMatrix>();

    /// <summary>Canonical text of the spec: model type, seed and parameters with sorted keys.</summary>
    public string ToCanonicalJson() =>
        $"{{\"modelType\":\"{ModelType}\",\"seed\":{Seed},\"parameters\":{Parameters.ToCanonicalJson()}}}";

    /// <summary>SHA-256 of the canonical text (lower-case hex): equal specs have equal hashes.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalJson())));
}
