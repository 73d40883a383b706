namespace Shared.Runs;

/// <summary>A progress report from a running computation: fraction done in [0, 1] and what it is doing.</summary>
public readonly record struct RunProgress(double Fraction, string Stage);
