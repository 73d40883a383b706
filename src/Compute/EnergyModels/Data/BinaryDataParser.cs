using System.Globalization;
using Shared.Models;

namespace Compute.EnergyModels.Data;

/// <summary>How an uploaded file was read: separator, value encoding and size.</summary>
public sealed record BinaryDataFormat(bool CommaSeparated, bool SpinEncoded, int Rows, int Columns)
{
    /// <summary>One sentence for the user, e.g. "200 rows × 16 columns, comma-separated, ±1 spins mapped to 0/1 (−1 → 0, +1 → 1)".</summary>
    public string Description =>
        string.Create(CultureInfo.InvariantCulture, $"{Rows} rows × {Columns} columns, {(CommaSeparated ? "comma-separated" : "whitespace-separated")}, ") +
        (SpinEncoded ? "±1 spins mapped to 0/1 (−1 → 0, +1 → 1)." : "0/1 values.");
}

/// <summary>
/// Reads an uploaded binary data set: one sample per line, values separated by commas (CSV) or by
/// whitespace, each value 0/1 or, for Ising samples, ±1 (written -1, 1 or +1; mapped to 0/1 with
/// −1 → 0). Blank lines and everything after <c>#</c> are ignored. The parser is strict: any unknown
/// token, empty CSV field, ragged row, mixed encoding, empty file or excess size yields field errors on
/// <c>"file"</c> that name the line and the problem, and no matrix.
/// </summary>
public static class BinaryDataParser
{
    /// <summary>The field name the errors are attached to.</summary>
    public const string Field = "file";

    /// <summary>Sensible upload limits for the portal (a 100 000 × 4096 matrix is 400 MB of bytes at most).</summary>
    public const int DefaultMaxRows = 100_000;
    public const int DefaultMaxColumns = 4096;

    private const int MaxReportedErrors = 5;

    public static BinaryMatrix? Parse(string text, int maxRows, int maxColumns, List<FieldError> errors) =>
        Parse(text, maxRows, maxColumns, errors, out _);

    /// <summary>As <see cref="Parse(string,int,int,List{FieldError})"/>; <paramref name="format"/> says how the file was read (null on error).</summary>
    public static BinaryMatrix? Parse(string text, int maxRows, int maxColumns, List<FieldError> errors, out BinaryDataFormat? format)
    {
        ArgumentNullException.ThrowIfNull(errors);
        format = null;
        if (maxRows < 1 || maxColumns < 1) throw new ArgumentOutOfRangeException(nameof(maxRows), "Limits must be positive.");
        var before = errors.Count;
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new FieldError(Field, "The file is empty: expected one row of 0/1 (or ±1) values per line."));
            return null;
        }

        var data = new List<byte>();
        int columns = -1, rows = 0, firstLine = 0;
        bool? comma = null;
        bool? spins = null;
        var encodingLine = 0;
        var lineNumber = 0;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            if (end < 0) end = text.Length;
            lineNumber++;
            var line = text.AsSpan(lineStart, end - lineStart);
            lineStart = end + 1;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.IsEmpty) continue;

            if (rows == maxRows)
            {
                errors.Add(new FieldError(Field, $"line {lineNumber}: more than {maxRows} data rows; the limit is {maxRows} rows."));
                return null;
            }
            comma ??= line.Contains(',');
            if (comma == false && line.Contains(','))
            {
                Add(errors, before, $"line {lineNumber}: found a comma, but the first row (line {firstLine}) is whitespace-separated; use one separator throughout.");
                if (errors.Count - before >= MaxReportedErrors) return null;
                continue;
            }

            var rowStart = data.Count;
            var count = 0;
            var rowOk = true;
            var rest = line;
            while (true)
            {
                ReadOnlySpan<char> token;
                bool last;
                if (comma == true)
                {
                    var c = rest.IndexOf(',');
                    last = c < 0;
                    token = (last ? rest : rest[..c]).Trim();
                    rest = last ? default : rest[(c + 1)..];
                    if (token.IsEmpty)
                    {
                        rowOk = Fail(errors, before, $"line {lineNumber}: empty value at column {count + 1} (two commas in a row or a trailing comma).");
                        break;
                    }
                }
                else
                {
                    rest = rest.TrimStart();
                    if (rest.IsEmpty) break;
                    var w = 0;
                    while (w < rest.Length && !char.IsWhiteSpace(rest[w])) w++;
                    token = rest[..w];
                    rest = rest[w..];
                    last = false;
                }

                count++;
                if (count > maxColumns)
                {
                    errors.Add(new FieldError(Field, $"line {lineNumber}: more than {maxColumns} values in a row; the limit is {maxColumns} columns."));
                    return null;
                }
                byte value;
                if (token is "0") value = 0;
                else if (token is "1") value = 1;
                else if (token is "-1" or "+1")
                {
                    value = token[0] == '+' ? (byte)1 : (byte)0;
                }
                else
                {
                    var shown = token.Length > 20 ? token[..20].ToString() + "…" : token.ToString();
                    var hint = comma == true ? "" : " (values must be separated by spaces, tabs or commas)";
                    rowOk = Fail(errors, before, $"line {lineNumber}, column {count}: '{shown}' is not a binary value; expected 0 or 1 (or -1/+1 for spins){(token.Length > 1 && token.IndexOfAnyExcept("01") < 0 ? hint : "")}.");
                    break;
                }
                // Encoding: a 0 fixes 0/1, a −1 or +1 fixes ±1; a bare 1 fits both.
                var tokenSpins = token is "0" ? false : token is "-1" or "+1" ? true : (bool?)null;
                if (tokenSpins is { } s)
                {
                    if (spins is null) { spins = s; encodingLine = lineNumber; }
                    else if (spins != s)
                    {
                        rowOk = Fail(errors, before, $"line {lineNumber}, column {count}: found {token.ToString()} but line {encodingLine} uses {(spins == true ? "±1 spins" : "0/1 values")}; use either 0/1 or ±1 throughout.");
                        break;
                    }
                }
                data.Add(value);
                if (last) break;
            }

            if (rowOk)
            {
                if (columns < 0)
                {
                    columns = count;
                    firstLine = lineNumber;
                }
                else if (count != columns)
                {
                    rowOk = Fail(errors, before, $"line {lineNumber}: expected {columns} values like the first row (line {firstLine}), found {count}.");
                }
            }
            if (!rowOk)
            {
                data.RemoveRange(rowStart, data.Count - rowStart);
                if (errors.Count - before >= MaxReportedErrors)
                {
                    errors.Add(new FieldError(Field, $"Stopped reading at line {lineNumber} after {MaxReportedErrors} errors."));
                    return null;
                }
                continue;
            }
            rows++;
        }

        if (errors.Count > before) return null;
        if (rows == 0)
        {
            errors.Add(new FieldError(Field, "The file has no data rows (only blank lines or # comments): expected one row of 0/1 (or ±1) values per line."));
            return null;
        }
        format = new BinaryDataFormat(comma == true, spins == true, rows, columns);
        return new BinaryMatrix(rows, columns, data.ToArray());
    }

    private static void Add(List<FieldError> errors, int before, string message)
    {
        if (errors.Count - before < MaxReportedErrors) errors.Add(new FieldError(Field, message));
    }

    private static bool Fail(List<FieldError> errors, int before, string message)
    {
        Add(errors, before, message);
        return false;
    }
}
