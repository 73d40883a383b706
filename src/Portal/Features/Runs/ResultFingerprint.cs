using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Features.Runs;

/// <summary>
/// The canonical form of a stored result document, its SHA-256, and what differs between two of them.
/// <para>
/// Canonical: object keys sorted (ordinal), no whitespace, every number, string and literal written exactly as it was
/// stored (System.Text.Json writes the shortest text that round-trips the double, so equal text means equal bits).
/// Nothing is excluded: the result document holds no timings, timestamps, durations, worker names or attempt counts —
/// those live on the run row (StartedAt, FinishedAt, Worker, Attempt) and are not hashed. Should a model type ever put
/// wall-clock time into its metrics, a re-run would rightly show it as a difference rather than hide it.
/// </para>
/// </summary>
public static class ResultFingerprint
{
    /// <summary>How many differences are listed; the count covers all of them.</summary>
    public const int MaxListed = 40;

    public static string Canonical(string resultJson)
    {
        using var doc = JsonDocument.Parse(resultJson);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(writer, doc.RootElement);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>SHA-256 of the canonical text, lower-case hex (64 characters).</summary>
    public static string Hash(string resultJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(resultJson))));

    private static void Write(Utf8JsonWriter w, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(p.Name);
                    Write(w, p.Value);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray()) Write(w, item);
                w.WriteEndArray();
                break;
            default:
                // The stored token verbatim: a number keeps its digits, a string its escapes resolved the same way each time.
                if (e.ValueKind == JsonValueKind.String) w.WriteStringValue(e.GetString());
                else w.WriteRawValue(e.GetRawText(), skipInputValidation: true);
                break;
        }
    }

    /// <summary>
    /// Every value that differs between two result documents, named by a readable path: list entries that carry a
    /// <c>name</c> or <c>id</c> are matched by it (<c>metrics[eg].value</c>), other lists by position (<c>y[17]</c>).
    /// Returns at most <see cref="MaxListed"/> differences and the total count.
    /// </summary>
    public static (IReadOnlyList<ResultDifference> Listed, int Total) Differences(string originalJson, string rerunJson)
    {
        using var a = JsonDocument.Parse(originalJson);
        using var b = JsonDocument.Parse(rerunJson);
        var listed = new List<ResultDifference>();
        var total = 0;
        Compare(a.RootElement, b.RootElement, "", listed, ref total);
        return (listed, total);
    }

    private static void Compare(JsonElement a, JsonElement b, string path, List<ResultDifference> listed, ref int total)
    {
        if (a.ValueKind == JsonValueKind.Object && b.ValueKind == JsonValueKind.Object)
        {
            var names = a.EnumerateObject().Select(p => p.Name).Union(b.EnumerateObject().Select(p => p.Name)).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var child = path.Length == 0 ? name : path + "." + name;
                var inA = a.TryGetProperty(name, out var va);
                var inB = b.TryGetProperty(name, out var vb);
                if (inA && inB) Compare(va, vb, child, listed, ref total);
                else Add(listed, ref total, child, inA ? Show(va) : "(absent)", inB ? Show(vb) : "(absent)");
            }
        }
        else if (a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array)
        {
            if (Keyed(a) is { } keyedA && Keyed(b) is { } keyedB)
            {
                foreach (var key in keyedA.Keys.Union(keyedB.Keys))
                {
                    var child = $"{path}[{key}]";
                    var inA = keyedA.TryGetValue(key, out var va);
                    var inB = keyedB.TryGetValue(key, out var vb);
                    if (inA && inB) Compare(va, vb, child, listed, ref total);
                    else Add(listed, ref total, child, inA ? "present" : "(absent)", inB ? "present" : "(absent)");
                }
                return;
            }
            var (la, lb) = (a.GetArrayLength(), b.GetArrayLength());
            if (la != lb) Add(listed, ref total, path + ".length", la.ToString(CultureInfo.InvariantCulture), lb.ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < Math.Min(la, lb); i++) Compare(a[i], b[i], $"{path}[{i}]", listed, ref total);
        }
        else if (a.ValueKind != b.ValueKind || a.GetRawText() != b.GetRawText())
        {
            Add(listed, ref total, path, Show(a), Show(b));
        }
    }

    /// <summary>The entries of a list of objects by their name (or id), when every entry has a distinct one; otherwise null.</summary>
    private static Dictionary<string, JsonElement>? Keyed(JsonElement array)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) return null;
            var key = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()
                : item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (key is null || !result.TryAdd(key, item)) return null;
        }
        return result.Count > 0 ? result : null;
    }

    private static void Add(List<ResultDifference> listed, ref int total, string path, string original, string rerun)
    {
        total++;
        if (listed.Count < MaxListed) listed.Add(new ResultDifference(path, original, rerun));
    }

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{…}",
        JsonValueKind.Array => $"[{e.GetArrayLength()} values]",
        JsonValueKind.String => e.GetString() is { Length: > 80 } s ? s[..80] + "…" : e.GetString()!,
        _ => e.GetRawText(),
    };
}

/// <summary>One value that differs: where, and its text in the original and in the re-run.</summary>
public sealed record ResultDifference(string Path, string Original, string Rerun);
