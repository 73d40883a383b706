namespace Compute.EnergyModels.InverseIsing;

/// <summary>
/// A pairwise Ising model on N spins s_i = ±1 with P(s) ∝ exp(Σ_{i&lt;j} J_ij s_i s_j + Σ_i h_i s_i)
/// (the inverse temperature is absorbed into J and h). <see cref="J"/> is N×N row-major, symmetric,
/// zero on the diagonal.
/// </summary>
public sealed class PairwiseIsing
{
    public PairwiseIsing(int n)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), "An Ising model needs at least two spins.");
        N = n;
        J = new double[n * n];
        H = new double[n];
    }

    public int N { get; }
    public double[] J { get; }
    public double[] H { get; }

    /// <summary>Number of couplings N(N−1)/2.</summary>
    public int Pairs => N * (N - 1) / 2;

    /// <summary>The couplings J_ij, i &lt; j, in row order (the order of every coupling list and scatter).</summary>
    public double[] UpperCouplings()
    {
        var list = new double[Pairs];
        var k = 0;
        for (var i = 0; i < N; i++)
            for (var j = i + 1; j < N; j++) list[k++] = J[i * N + j];
        return list;
    }

    public void SetCoupling(int i, int j, double value)
    {
        J[i * N + j] = value;
        J[j * N + i] = value;
    }
}
