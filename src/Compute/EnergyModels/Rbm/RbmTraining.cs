namespace Compute.EnergyModels.Rbm;

/// <summary>How the negative phase is sampled.</summary>
public enum RbmTrainingMethod
{
    /// <summary>Contrastive divergence: k Gibbs steps from the data batch (Hinton 2002).</summary>
    ContrastiveDivergence,
    /// <summary>Persistent CD: k Gibbs steps continuing chains kept across updates (Tieleman 2008).</summary>
    PersistentContrastiveDivergence,
    /// <summary>Rdm-k: k Gibbs steps from uniformly random visible states each update (Decelle et al. 2021).</summary>
    RandomRestart,
}

/// <summary>Settings of the minibatch SGD with momentum and L2 weight decay.</summary>
public sealed record RbmTraining(RbmTrainingMethod Method, int K, int BatchSize, double LearningRate, double Momentum, double WeightDecay);
