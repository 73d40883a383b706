using System.Numerics;

namespace Compute.Numerics.Nn;

/// <summary>A chain of layers applied in order; Backward runs them in reverse, feeding each its own input.</summary>
public sealed class Sequential<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Layer<T>[] _layers;

    public Sequential(params Layer<T>[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        for (var i = 1; i < layers.Length; i++)
            if (layers[i].InputSize != layers[i - 1].OutputSize)
                throw new ArgumentException($"Layer {i} expects {layers[i].InputSize} values per sample; layer {i - 1} gives {layers[i - 1].OutputSize}.");
        _layers = layers;
    }

    public IReadOnlyList<Layer<T>> Layers => _layers;
    public int InputSize => _layers[0].InputSize;
    public int OutputSize => _layers[^1].OutputSize;

    public void Initialize(ref Rng rng)
    {
        foreach (var layer in _layers) layer.Initialize(ref rng);
    }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x, batch);
        return x;
    }

    /// <summary>
    /// Backward through every layer; <paramref name="input"/> is what the last Forward received. The layers write
    /// their input gradients alternately into two buffers this thread's networks share, so the returned ∂L/∂input
    /// stays valid only until the next <see cref="Backward"/> of any network on this thread.
    /// </summary>
    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, int batch)
    {
        var g = outputGradient;
        for (var i = _layers.Length - 1; i >= 0; i--)
        {
            var layer = _layers[i];
            var into = GradientBuffer(ref (i % 2 == 0 ? ref _even : ref _odd), layer.InputSize * batch);
            g = layer.Backward(i == 0 ? input : _layers[i - 1].Output(batch), g, batch, into);
        }
        return g;
    }

    [ThreadStatic] private static T[]? _even;
    [ThreadStatic] private static T[]? _odd;

    private static Span<T> GradientBuffer(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new T[length];
        return buffer.AsSpan(0, length);
    }
}
