using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace FriendlyGov.Web.Features.NoticeBoard;

/// <summary>
/// A table out of a workbook as a commune accountant makes it in Excel or LibreOffice: the first sheet that holds a table
/// (an instructions sheet before it is passed over); title rows above the header skipped; merged header cells filled and a
/// second header row under merged cells joined ("Dự toán – Thu"); numbers typed as text kept as typed, real numbers in
/// Vietnamese digits. What cannot be shown is refused naming the sheet and the cell.
/// </summary>
public static class WorkbookTables
{
    public const int MaxRows = 300;
    public const int MaxColumns = 30;
    public const int MaxCellLength = 500;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly HashSet<string> FormulaErrors = ["#DIV/0!", "#REF!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"];

    public static (List<string[]>? Table, string? Problem) Read(byte[] xlsx)
    {
        const string unreadable = "Không đọc được tệp Excel: hãy lưu lại bằng Excel hoặc LibreOffice dưới dạng .xlsx rồi tải lên lại.";
        List<string> sheets;
        try
        {
            using var stream = new MemoryStream(xlsx);
            sheets = stream.GetSheetNames();
        }
        catch (Exception e) when (IsUnreadable(e)) { return (null, unreadable); }
        foreach (var sheet in sheets)
        {
            List<(int Row, IDictionary<string, object?> Cells)> rows;
            try
            {
                using var stream = new MemoryStream(xlsx);
                rows = [.. stream.Query(useHeaderRow: false, sheetName: sheet, configuration: new OpenXmlConfiguration { FillMergedCells = true })
                    .Cast<IDictionary<string, object?>>().Take(MaxRows + 50).Select((r, i) => (i + 1, r))];
            }
            catch (Exception e) when (IsUnreadable(e)) { return (null, unreadable); }
            var (table, problem) = FromSheet(sheet, rows);
            if (table is not null || problem is not null) return (table, problem);
        }
        return (null, "Không thấy bảng số liệu trong tệp: bảng cần một dòng tiêu đề (từ hai cột) và ít nhất một dòng số liệu.");
    }

    private static bool IsUnreadable(Exception e) => e is InvalidDataException or InvalidOperationException or System.Xml.XmlException
        or NotSupportedException or IndexOutOfRangeException or ArgumentException or KeyNotFoundException or FormatException or NullReferenceException;

    /// <summary>The sheet's table, or a problem naming a cell, or neither when the sheet holds no table.</summary>
    private static (List<string[]>? Table, string? Problem) FromSheet(string sheet, List<(int Row, IDictionary<string, object?> Cells)> raw)
    {
        // Column letters in order, as the sheet names them.
        var rows = raw.Select(r => (r.Row, Cells: r.Cells.Select(c => (Column: c.Key, Ref: c.Key + r.Row, Value: c.Value)).ToArray())).ToList();
        foreach (var (_, cells) in rows)
            foreach (var (_, at, value) in cells)
            {
                if (value is string s && FormulaErrors.Contains(s.Trim()))
                    return (null, $"Trang “{sheet}”, ô {at}: công thức bị lỗi {s.Trim()}. Sửa trong Excel rồi tải lên lại.");
                if (Text(value).Length > MaxCellLength)
                    return (null, $"Trang “{sheet}”, ô {at}: dài {Text(value).Length} ký tự, tối đa {MaxCellLength}.");
            }
        var text = rows.Select(r => r.Cells.Select(c => Text(c.Value)).ToArray()).ToList();
        // The header is the first row of at least two cells; above it, titles.
        var h = text.FindIndex(r => r.Count(c => c.Length > 0) >= 2);
        if (h < 0) return (null, null);
        var header = text[h];
        var first = h + 1;
        // Under merged header cells a second row names the parts: the merged caption stands in adjacent cells (filled) or in
        // the first of them only (the others left out of the file); the row below is text and names what is under it.
        if (first < text.Count && rows[first].Cells.All(c => c.Value is null or string))
        {
            var sub = text[first];
            bool Under(int i) => i < sub.Length && sub[i].Length > 0;
            var merged = Enumerable.Range(1, header.Length - 1).Any(i => header[i].Length > 0 && header[i] == header[i - 1] && Under(i))
                || Enumerable.Range(1, header.Length - 1).Any(i => header[i].Length == 0 && header[i - 1].Length > 0 && Under(i) && Under(i - 1));
            if (merged)
            {
                var joined = new string[Math.Max(header.Length, sub.Length)];
                var caption = "";
                for (var i = 0; i < joined.Length; i++)
                {
                    var top = i < header.Length ? header[i] : "";
                    if (top.Length > 0) caption = top;
                    else if (Under(i)) top = caption;
                    joined[i] = !Under(i) || sub[i] == top ? top : top.Length == 0 ? sub[i] : $"{top} – {sub[i]}";
                }
                (header, first) = (joined, first + 1);
            }
        }
        var data = text.Skip(first).Where(r => r.Any(c => c.Length > 0)).ToList();
        if (data.Count == 0) return (null, null);
        if (data.Count > MaxRows) return (null, $"Trang “{sheet}”: bảng có hơn {MaxRows} dòng số liệu; chia thành nhiều bảng.");
        var width = data.Prepend(header).Max(r => Array.FindLastIndex(r, c => c.Length > 0) + 1);
        if (width > MaxColumns)
            return (null, $"Trang “{sheet}”: bảng có {width} cột, tối đa {MaxColumns}: bỏ bớt các cột từ {rows.First(r => r.Cells.Length > MaxColumns).Cells[MaxColumns].Column} trở đi.");
        string[] Fit(string[] r) => [.. Enumerable.Range(0, width).Select(i => i < r.Length ? r[i] : "")];
        return ([Fit(header), .. data.Select(Fit)], null);
    }

    private static string Text(object? v) => v switch
    {
        null => "",
        double d => d.ToString("#,##0.##", Vi),
        decimal m => m.ToString("#,##0.##", Vi),
        int or long => Convert.ToDecimal(v, CultureInfo.InvariantCulture).ToString("#,##0", Vi),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("dd/MM/yyyy", Vi) : t.ToString("dd/MM/yyyy HH:mm", Vi),
        bool b => b ? "Có" : "Không",
        _ => (v.ToString() ?? "").Trim(),
    };
}
