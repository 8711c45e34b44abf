using System.Globalization;

namespace FriendlyGov.Web.Features.NoticeBoard;

public sealed record Bar(string Label, decimal Value, double Width);

/// <summary>A simple bar chart of a disclosed table: the first column as labels, the first wholly numeric column as values.</summary>
public static class TableChart
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static bool TryNumber(string cell, out decimal value) =>
        decimal.TryParse(cell.Replace(" ", ""), NumberStyles.Number, Vi, out value);

    /// <summary>The column drawn and its bars (widths 0–100, relative to the largest absolute value); null when nothing is numeric.</summary>
    public static (string Column, List<Bar> Bars)? Bars(IReadOnlyList<string[]>? table)
    {
        if (table is not { Count: >= 2 }) return null;
        var rows = table.Skip(1).Where(r => r.Length > 0 && r[0].Length > 0).Take(40).ToList();
        for (var c = 1; c < table[0].Length; c++)
        {
            var values = new List<decimal>();
            foreach (var r in rows)
                if (c < r.Length && TryNumber(r[c], out var v)) values.Add(v);
            if (values.Count != rows.Count || values.Count == 0) continue;
            var max = values.Max(Math.Abs);
            return (table[0][c], rows.Select((r, i) => new Bar(r[0], values[i], max == 0 ? 0 : (double)Math.Round(100 * Math.Abs(values[i]) / max, 1))).ToList());
        }
        return null;
    }
}
