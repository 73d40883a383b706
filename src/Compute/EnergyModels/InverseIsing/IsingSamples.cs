namespace Compute.EnergyModels.InverseIsing;

/// <summary>Rows of ±1 spins (M × N, row-major) and their empirical moments over the first M rows.</summary>
public sealed class IsingSamples(sbyte[] spins, int rows, int n)
{
    public sbyte[] Spins { get; } = spins;
    public int Rows { get; } = rows;
    public int N { get; } = n;

    /// <summary>Empirical ⟨s_i⟩ and ⟨s_i s_j⟩ (N×N, diagonal 1) over the first <paramref name="m"/> rows.</summary>
    public (double[] Magnetization, double[] PairMoments) Moments(int m)
    {
        var mag = new double[N];
        var pairs = new double[N * N];
        for (var r = 0; r < m; r++)
        {
            var row = Spins.AsSpan(r * N, N);
            for (var i = 0; i < N; i++)
            {
                mag[i] += row[i];
                for (var j = i + 1; j < N; j++) pairs[i * N + j] += row[i] * row[j];
            }
        }
        for (var i = 0; i < N; i++)
        {
            mag[i] /= m;
            pairs[i * N + i] = 1;
            for (var j = i + 1; j < N; j++) pairs[j * N + i] = pairs[i * N + j] /= m;
        }
        return (mag, pairs);
    }
}
