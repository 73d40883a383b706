namespace Compute.Flows.Van;

/// <summary>Buffers of one <see cref="Made"/> for batches of up to <see cref="BatchCapacity"/> rows, allocated once.</summary>
public sealed class MadeWorkspace
{
    public MadeWorkspace(Made made, int batchCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchCapacity, 1);
        BatchCapacity = batchCapacity;
        Spins = made.Spins;
        var layers = made.Layers;
        PreActivations = layers.Select(l => new float[batchCapacity * l.Outputs]).ToArray();
        Activations = layers.Take(layers.Count - 1).Select(l => new float[batchCapacity * l.Outputs]).ToArray();
        InputGradients = layers.Select((l, i) => i == 0 ? [] : new float[batchCapacity * l.Inputs]).ToArray();
    }

    public int BatchCapacity { get; }
    public int Spins { get; }

    /// <summary>Per layer, batch × outputs pre-activations; the last layer's are the logits.</summary>
    public float[][] PreActivations { get; }

    /// <summary>tanh of the hidden pre-activations (one entry per hidden layer).</summary>
    public float[][] Activations { get; }

    /// <summary>Per layer, dL/d(input) scratch (empty for the first layer).</summary>
    public float[][] InputGradients { get; }

    internal void CheckBatch(int batch)
    {
        if (batch < 0 || batch > BatchCapacity)
            throw new ArgumentOutOfRangeException(nameof(batch), $"The workspace holds at most {BatchCapacity} rows.");
    }
}
