namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Hostile values, generated from a declared type (not a list of known cases): the edges of each type's range and of the
/// calendar, values of the wrong type, odd text. Seeded, so a failure can be replayed.
/// </summary>
public sealed class Hostile(int seed)
{
    private readonly Random _rng = new(seed);
    public int Seed => seed;

    private string Pick(params string[] options) => options[_rng.Next(options.Length)];

    private static readonly long[] IntegerEdges = [0, -1, 1, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue, long.MinValue];

    public string Integer() => _rng.Next(4) switch
    {
        0 => IntegerEdges[_rng.Next(IntegerEdges.Length)].ToString(),
        1 => (_rng.NextInt64() * (_rng.Next(2) == 0 ? 1 : -1)).ToString(),
        2 => "9" + new string('9', _rng.Next(10, 40)),
        _ => Text(),
    };

    public string Number() => _rng.Next(3) switch
    {
        0 => Pick("NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e-400", "0.0000001", "-0"),
        1 => (_rng.NextDouble() * Math.Pow(10, _rng.Next(0, 300)) * (_rng.Next(2) == 0 ? 1 : -1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Integer(),
    };

    /// <summary>Years at and beyond the calendar's edges, in the shapes people and programs write dates.</summary>
    public string Date()
    {
        int[] years = [0, 1, -1, 9999, 10000, _rng.Next(-99999, 0), _rng.Next(10000, 999999), _rng.Next(1, 9999)];
        var y = years[_rng.Next(years.Length)];
        var (m, d) = (_rng.Next(0, 14), _rng.Next(0, 33));
        return _rng.Next(5) switch
        {
            0 => $"{y:0000}-{m:00}-{d:00}",
            1 => $"{y:0000}-12-31",
            2 => $"{d:00}/{m:00}/{y}",
            3 => $"{y:0000}-01-01T00:00:00{Pick("Z", "+14:00", "-12:00", "+99:99", "")}",
            _ => Text(),
        };
    }

    public string Bool() => Pick("true", "false", "1", "0", "on", "yes", "", Text());

    public string Text() => _rng.Next(9) switch
    {
        0 => "",
        1 => " ",
        2 => new string('a', _rng.Next(300, 5000)),
        3 => Pick("'; DROP TABLE x; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "{{7*7}}", "${jndi:x}"),
        4 => Pick("Nguyễn Văn A", "Xã Chiềng Sinh", "\u202Eabc", "\uD83D\uDE00", "\uFFFF", "ǅ", "ß"),
        5 => Integer(),
        6 => Date(),
        7 => string.Concat(Enumerable.Range(0, _rng.Next(1, 40)).Select(_ => (char)_rng.Next(1, 0x2FFF))),
        _ => Convert.ToHexStringLower(Bytes(16))[.._rng.Next(1, 32)],
    };

    /// <summary>A value for something declared with this type (OpenAPI type/format or a CLR type), sometimes of another type.</summary>
    public string For(string? type, string? format)
    {
        if (_rng.Next(6) == 0) return Text();
        return (type, format) switch
        {
            (_, "date" or "date-time") => Date(),
            ("integer", _) => Integer(),
            ("number", _) => Number(),
            ("boolean", _) => Bool(),
            _ => Text(),
        };
    }

    public string For(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset)) return Date();
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t.IsEnum && _rng.Next(2) == 0) return Integer();
        if (t.IsEnum) return Text();
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float)) return Number();
        if (t == typeof(bool)) return Bool();
        return Text();
    }

    public bool Chance(int inN) => _rng.Next(inN) == 0;
    public int Next(int max) => _rng.Next(max);
    public byte[] Bytes(int n) { var b = new byte[n]; _rng.NextBytes(b); return b; }
}
