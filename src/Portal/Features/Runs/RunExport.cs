using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Portal.Features.Runs;

/// <summary>The runs table written as it streams from the database: CSV (one column per parameter and metric) or a JSON array.</summary>
public static class RunExport
{
    private static readonly string[] Header =
        ["id", "number", "permalink", "workspace", "model", "modelVersion", "modelType", "seed", "status", "verdict", "author", "createdAt", "finishedAt", "sweepId", "tags", "note"];

    public static async Task CsvAsync(Stream stream, IAsyncEnumerable<RunRow> rows, IReadOnlyList<ValueColumn> columns, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync(string.Join(',', Header.Concat(columns.Select(c => Field(c.Key)))));
        var n = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            var cells = new[]
            {
                r.Id.ToString(), r.Number.ToString(CultureInfo.InvariantCulture), $"/runs/{r.Id}", Text(r.Workspace), Text(r.ModelName), r.ModelVersion?.ToString(CultureInfo.InvariantCulture) ?? "",
                Text(r.ModelType), r.Seed.ToString(CultureInfo.InvariantCulture), r.Status.ToString(), r.Verdict is { } v ? RunVerdicts.Label(v) : "", Text(r.Author), r.CreatedAt.ToString("O"),
                r.FinishedAt?.ToString("O") ?? "", r.SweepId?.ToString() ?? "", Text(string.Join(';', r.Tags)), Text(r.Note),
            }.Concat(columns.Select(c => r.Values.TryGetValue(c.Key, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""));
            await writer.WriteLineAsync(string.Join(',', cells));
            if (++n % 500 == 0) await writer.FlushAsync(ct);
        }
    }

    /// <summary>A JSON array, one row serialized at a time and written asynchronously (the response stream refuses synchronous writes).</summary>
    public static async Task JsonAsync(Stream stream, IAsyncEnumerable<RunRow> rows, CancellationToken ct)
    {
        await stream.WriteAsync("["u8.ToArray(), ct);
        var first = true;
        await foreach (var r in rows.WithCancellation(ct))
        {
            if (!first) await stream.WriteAsync(","u8.ToArray(), ct);
            first = false;
            await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(RunRowDto.From(r), JsonSerializerOptions.Web), ct);
        }
        await stream.WriteAsync("]"u8.ToArray(), ct);
    }

    /// <summary>Free text, quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a note as a formula.</summary>
    private static string Text(string? text) => Field(text is { Length: > 0 } && "=+-@".Contains(text[0]) ? "'" + text : text ?? "");

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
