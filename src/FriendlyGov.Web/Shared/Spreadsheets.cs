using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace FriendlyGov.Web.Shared;

/// <summary>The one way every page exports a table to Excel (MiniExcel): rows of one sheet, or several named sheets.</summary>
public static class Spreadsheets
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The workbook's bytes: <paramref name="rows"/> in one sheet named <paramref name="sheet"/>, or, with no sheet name, a
    /// dictionary of sheet names to rows.</summary>
    public static async Task<byte[]> BytesAsync(object rows, string? sheet = null)
    {
        using var stream = new MemoryStream();
        if (sheet is null) await stream.SaveAsAsync(rows);
        else await stream.SaveAsAsync(rows, sheetName: sheet);
        return stream.ToArray();
    }

    /// <summary>The workbook as a download named <paramref name="fileName"/>.</summary>
    public static async Task<FileContentResult> FileAsync(object rows, string? sheet, string fileName) =>
        new(await BytesAsync(rows, sheet), ContentType) { FileDownloadName = fileName };
}
