using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Tests.Security;

/// <summary>
/// A seeded generator of hostile request bodies, mutating a valid body of an endpoint: wrong types, missing and
/// unknown fields, huge, negative and non-finite numbers, long strings, deep nesting, broken JSON, invalid
/// UTF-8, unknown model types. Same seed, same bodies.
/// </summary>
public sealed class HostileBodies(int seed)
{
    private readonly Random _random = new(seed);
    private int _hugeStrings;

    /// <summary>At most this many 10 MB bodies per generator (each is read whole by the server).</summary>
    public const int MaxHugeStrings = 3;

    private static readonly Func<Random, JsonNode?>[] HostileValues =
    [
        _ => "", _ => " ", _ => "\u0000", _ => "<script>alert(1)</script>", _ => "../../etc/passwd", _ => "💥🧊 ɛ(α)", _ => "\u202Eevil",
        _ => "not-a-guid", _ => Guid.Empty.ToString(), _ => "NaN", _ => "Infinity", _ => "-1", _ => "1e999",
        _ => -1, _ => 0, _ => int.MaxValue, _ => int.MinValue, _ => long.MaxValue, _ => long.MinValue, _ => 1e308, _ => -1e308, _ => 5e-324, _ => 0.5,
        _ => true, _ => false, _ => null, _ => new JsonArray(), _ => new JsonObject(), _ => new JsonArray(1, "two", null),
        r => new string('x', r.Next(201, 20_000)),
        r => Nested(r.Next(10, 60)),
        _ => new JsonObject { ["$type"] = "System.IO.FileInfo", ["path"] = "/etc/passwd" },
    ];

    private static readonly string[] WholeBodies =
    [
        "", "null", "[]", "42", "\"text\"", "true", "{", "}", "{\"a\":}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{'single':'quotes'}",
        "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "\uFEFF{}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u00\"}", "{\"__proto__\":{\"admin\":true}}",
    ];

    public (byte[] Body, string ContentType) Next(JsonObject valid)
    {
        var roll = _random.Next(100);
        if (roll < 8) return (Encoding.UTF8.GetBytes(WholeBodies[_random.Next(WholeBodies.Length)]), "application/json");
        if (roll < 11) return (Encoding.UTF8.GetBytes(new string('[', _random.Next(65, 5000)) + new string(']', 3)), "application/json");
        if (roll < 14) return (InvalidUtf8(valid), "application/json");
        if (roll < 16) return (Encoding.UTF8.GetBytes(valid.ToJsonString()), _random.Next(2) == 0 ? "text/plain" : "application/json; charset=bogus");
        if (roll < 17 && _hugeStrings < MaxHugeStrings)
        {
            _hugeStrings++;
            var huge = (JsonObject)valid.DeepClone();
            huge[FieldOf(huge) ?? "name"] = new string('ε', 5 * 1024 * 1024); // 10 MB of UTF-8
            return (Encoding.UTF8.GetBytes(huge.ToJsonString()), "application/json");
        }

        var body = (JsonObject)valid.DeepClone();
        var mutations = 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++) Mutate(body);
        return (Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
    }

    private void Mutate(JsonObject body)
    {
        var target = body["parameters"] is JsonObject parameters && _random.Next(2) == 0 ? parameters : body;
        var field = FieldOf(target);
        switch (_random.Next(5))
        {
            case 0 when field is not null:
                target.Remove(field);
                break;
            case 1:
                target["unknown" + _random.Next(1000)] = Hostile();
                break;
            case 2 when body.ContainsKey("modelType"):
                body["modelType"] = _random.Next(3) switch { 0 => "perceptron.nonexistent", 1 => "PERCEPTRON.ONLINE-HEBB", _ => Hostile() };
                break;
            default:
                target[field ?? "name"] = Hostile();
                break;
        }
    }

    private JsonNode? Hostile() => HostileValues[_random.Next(HostileValues.Length)](_random);

    private string? FieldOf(JsonObject o) => o.Count == 0 ? null : o.ElementAt(_random.Next(o.Count)).Key;

    private byte[] InvalidUtf8(JsonObject valid)
    {
        var text = Encoding.UTF8.GetBytes(valid.ToJsonString());
        var at = text.Length > 2 ? _random.Next(1, text.Length - 1) : 0;
        return [.. text[..at], 0xC3, 0x28, 0xFF, .. text[at..]];
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = 1;
        for (var i = 0; i < depth; i++) node = new JsonObject { ["a"] = node };
        return node;
    }
}
