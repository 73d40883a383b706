namespace Shared.Models;

/// <summary>What the portal and the API show about a model type.</summary>
public sealed record ModelTypeInfo(string Id, string Family, string Title, string Description, ModelSchema Schema);
