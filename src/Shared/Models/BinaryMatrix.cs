namespace Shared.Models;

/// <summary>
/// A data set of binary rows (0/1), e.g. an uploaded training set. Row-major, one byte per entry.
/// </summary>
public sealed record BinaryMatrix(int Rows, int Columns, byte[] Data)
{
    public ReadOnlySpan<byte> Row(int i) => Data.AsSpan(i * Columns, Columns);
}
