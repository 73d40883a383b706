using Compute.Numerics;
namespace Compute.EnergyModels.Rbm;

/// <summary>
/// Every buffer of a training step, allocated once: the data batch, positive and negative hidden
/// statistics, the Gibbs chains (persistent for PCD), uniforms, and the SGD velocities.
/// </summary>
public sealed class RbmWorkspace
{
    public RbmWorkspace(int visible, int hidden, int batch)
    {
        Batch = batch;
        Data = new float[batch * visible];
        HiddenPositive = new float[batch * hidden];
        HiddenNegative = new float[batch * hidden];
        ChainVisible = new float[batch * visible];
        ChainHidden = new float[batch * hidden];
        VisibleProbability = new float[batch * visible];
        HiddenProbability = new float[batch * hidden];
        UniformVisible = new float[batch * visible];
        UniformHidden = new float[batch * hidden];
        VelocityW = new float[visible * hidden];
        VelocityA = new float[visible];
        VelocityB = new float[hidden];
        SumVisible = new float[visible];
        SumHidden = new float[hidden];
    }

    public int Batch { get; }

    /// <summary>The positive-phase batch v⁰ (batch × nv), filled by the caller.</summary>
    public float[] Data { get; }
    public float[] HiddenPositive { get; }
    public float[] HiddenNegative { get; }
    public float[] ChainVisible { get; }
    public float[] ChainHidden { get; }
    public float[] VisibleProbability { get; }
    public float[] HiddenProbability { get; }
    public float[] UniformVisible { get; }
    public float[] UniformHidden { get; }
    public float[] VelocityW { get; }
    public float[] VelocityA { get; }
    public float[] VelocityB { get; }
    public float[] SumVisible { get; }
    public float[] SumHidden { get; }

    /// <summary>The batch of unit states of the product at hand, encoded for its four-Russians tables.</summary>
    public TwoStateMatrix States { get; } = new();

    /// <summary>W and Wᵀ laid out for the step's products v·W and h·Wᵀ, at their first use in a step.</summary>
    public ColumnPanels W { get; } = new();
    public ColumnPanels WTransposed { get; } = new();

    /// <summary>The hidden means of a weight update's correlation vᵀ·h.</summary>
    public ColumnPanels HiddenMeans { get; } = new();

    /// <summary>True once the persistent chains hold a state.</summary>
    public bool ChainsStarted { get; set; }
}
