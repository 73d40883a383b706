using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shared.Results;

/// <summary>
/// The one JSON form of result documents (stored, served by the API, read back by the portal):
/// camelCase names, enums as strings, NaN and ±∞ as the strings "NaN", "Infinity", "-Infinity".
/// </summary>
public static class ResultJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(ResultDocument document) => JsonSerializer.Serialize(document, Options);

    public static ResultDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<ResultDocument>(json, Options) ?? throw new JsonException("Empty result document.");
}
