using System.Text.Json;

namespace Portal.Components.Common;

public static class PrettyJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Stored canonical JSON (specs, parameters), indented for reading.</summary>
    public static string Format(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json), Indented);
}
