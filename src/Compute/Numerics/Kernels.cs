namespace Compute.Numerics;

/// <summary>
/// Span kernels shared by the model families, one file per operation. Each says what it effectively
/// computes; vector paths have a scalar tail and are tested against a scalar oracle over many lengths,
/// also with AVX-512 and with all hardware intrinsics switched off.
/// </summary>
public static partial class Kernels;
