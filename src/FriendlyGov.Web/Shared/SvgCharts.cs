using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Charts drawn on the server as SVG: a few hundred bytes in the page, no script, no library, readable by a screen reader
/// (a title and a description naming every value). The tables beside them stay, for the exact figures.
/// </summary>
public static class SvgCharts
{
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    /// <summary>A little more than the average width of a character of the charts' 11 px labels, in the chart's units.</summary>
    private const double LabelCharWidth = 6.8;

    /// <summary>
    /// The chart's opening: a figure whose caption shows the title to everyone, and an image named by the title and described
    /// by every value, for a screen reader. <see cref="Close"/> ends both.
    /// </summary>
    private static void Open(StringBuilder sb, string title, IReadOnlyList<(string Label, decimal? Value)> values, string id, int w, int h)
    {
        var described = string.Join("; ", values.Select(p => $"{p.Label}: {(p.Value is decimal v ? v.ToString("0.##", Vi) + " %" : "N/A")}"));
        sb.Append($"<figure class=\"chart-figure\"><figcaption aria-hidden=\"true\">{E(title)}</figcaption>");
        sb.Append($"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">");
        sb.Append($"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(described)}</desc>");
    }

    /// <summary>A percentage (0–100) over periods as a line with its points; a period without data leaves a gap.</summary>
    public static IHtmlContent Line(string title, IReadOnlyList<(string Label, decimal? Value)> points, string id)
    {
        const int w = 640, h = 180, left = 36, right = 10, top = 10, bottom = 28;
        var step = points.Count > 1 ? (w - left - right) / (double)(points.Count - 1) : 0;
        double X(int i) => left + i * step;
        var printedTo = double.MinValue;
        double Y(decimal v) => top + (h - top - bottom) * (1 - (double)Math.Clamp(v, 0, 100) / 100);
        var sb = new StringBuilder();
        Open(sb, title, points, id, w, h);
        foreach (var g in new[] { 0, 50, 100 })
            sb.Append($"<line x1=\"{left}\" x2=\"{w - right}\" y1=\"{N(Y(g))}\" y2=\"{N(Y(g))}\" class=\"grid\"/><text x=\"{left - 4}\" y=\"{N(Y(g) + 4)}\" text-anchor=\"end\">{g}</text>");
        // One polyline per run of periods with data.
        var run = new List<string>();
        void Flush() { if (run.Count > 1) sb.Append($"<polyline class=\"series\" points=\"{string.Join(' ', run)}\"/>"); run.Clear(); }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is decimal v)
            {
                run.Add($"{N(X(i))},{N(Y(v))}");
                sb.Append($"<circle class=\"point\" cx=\"{N(X(i))}\" cy=\"{N(Y(v))}\" r=\"3\"/>");
            }
            else Flush();
            // A label is printed where it has room: after the last one printed, and inside the chart (the first starts at its
            // point, the others are centred on theirs).
            var width = points[i].Label.Length * LabelCharWidth;
            var (from, to) = i == 0 ? (X(i), X(i) + width) : (X(i) - width / 2, X(i) + width / 2);
            if (from >= printedTo + 6 && to <= w)
            {
                sb.Append($"<text x=\"{N(X(i))}\" y=\"{h - 8}\" text-anchor=\"{(i == 0 ? "start" : "middle")}\">{E(points[i].Label)}</text>");
                printedTo = to;
            }
        }
        Flush();
        sb.Append("</svg></figure>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>Percentages (0–100) as horizontal bars, one per labelled item.</summary>
    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, decimal? Value)> items, string id)
    {
        const int w = 640, row = 22, label = 250, right = 40;
        var h = items.Count * row + 4;
        var sb = new StringBuilder();
        Open(sb, title, items, id, w, h);
        for (var i = 0; i < items.Count; i++)
        {
            var y = i * row + 2;
            var text = items[i].Label.Length > 38 ? items[i].Label[..37] + "…" : items[i].Label;
            sb.Append($"<text x=\"0\" y=\"{y + 15}\">{E(text)}</text>");
            if (items[i].Value is decimal v)
            {
                var bw = (w - label - right) * (double)Math.Clamp(v, 0, 100) / 100;
                sb.Append($"<rect class=\"series\" x=\"{label}\" y=\"{y + 3}\" width=\"{N(bw)}\" height=\"{row - 8}\"/><text x=\"{N(label + bw + 4)}\" y=\"{y + 15}\">{v.ToString("0.#", Vi)}</text>");
            }
        }
        sb.Append("</svg></figure>");
        return new HtmlString(sb.ToString());
    }
}
