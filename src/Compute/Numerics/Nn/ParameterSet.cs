using System.Numerics;

namespace Compute.Numerics.Nn;

/// <summary>
/// One flat vector of all parameters of a network and one of their gradients. Layers reserve a contiguous
/// range at construction (<see cref="Allocate"/>) and read it through <see cref="Values"/> each call, so the
/// arrays may grow while the network is being built; after that, an optimizer steps everything at once.
/// </summary>
public sealed class ParameterSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _values = [];
    private T[] _gradients = [];

    public int Count { get; private set; }

    /// <summary>All parameters (length <see cref="Count"/>).</summary>
    public T[] Values => _values;

    /// <summary>∂L/∂θ, same layout as <see cref="Values"/>; layers accumulate into it.</summary>
    public T[] Gradients => _gradients;

    /// <summary>Reserves <paramref name="count"/> parameters and returns their offset.</summary>
    public int Allocate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var offset = Count;
        Count = checked(Count + count);
        Array.Resize(ref _values, Count);
        Array.Resize(ref _gradients, Count);
        return offset;
    }

    public void ZeroGradients() => Array.Clear(_gradients);

    /// <summary>
    /// From now on reads and updates <paramref name="source"/>'s values, keeping its own gradients: a twin network
    /// of the same layout then computes gradients on part of a batch in parallel with the original.
    /// </summary>
    public void ShareValues(ParameterSet<T> source)
    {
        if (source.Count != Count) throw new ArgumentException($"Layouts differ: {source.Count} parameters vs {Count}.", nameof(source));
        _values = source._values;
    }
}
