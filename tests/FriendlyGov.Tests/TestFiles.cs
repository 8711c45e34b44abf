using System.IO.Compression;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace FriendlyGov.Tests;

/// <summary>Real files for upload tests: a PDF a reader opens and a Word document, made here, never copied in.</summary>
public static class TestFiles
{
    public static byte[] Pdf(string text = "Giay to kem theo")
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText(text, 12, new PdfPoint(40, 760), font);
        return builder.Build();
    }

    public static byte[] Docx()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Write(zip, "word/document.xml", """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Tờ khai</w:t></w:r></w:p></w:body></w:document>""");
        }
        return ms.ToArray();
    }

    /// <summary>
    /// A PNG whose header claims the given size, followed by a tiny image stream: what a decompression bomb looks like to a
    /// server that decodes before it checks.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(ms, "IHDR", ihdr);
        Chunk(ms, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A real PNG of the given size, cut off halfway through its image data.</summary>
    public static byte[] TruncatedPng(int width = 300, int height = 200)
    {
        using var bmp = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bmp)) canvas.Clear(SkiaSharp.SKColors.OrangeRed);
        var png = SkiaSharp.SKImage.FromBitmap(bmp).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
        return png[..(png.Length / 2)];
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open());
        w.Write(content);
    }

    /// <summary>
    /// A workbook as a commune accountant makes it in Excel or LibreOffice: several sheets (each a grid of rows, null for an
    /// empty cell, a string starting with "=" for a formula whose cached value follows "|"), text written inline the way
    /// LibreOffice writes it, numbers typed as text, merged ranges ("A1:O1") and a styles part.
    /// </summary>
    public static byte[] Xlsx(params (string Name, object?[][] Rows, string[] Merged)[] sheets)
    {
        static string Col(int i) => i < 26 ? ((char)('A' + i)).ToString() : Col(i / 26 - 1) + (char)('A' + i % 26);
        static string Esc(string t) => System.Security.SecurityElement.Escape(t);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = string.Concat(sheets.Select((_, i) => $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""));
            Write(zip, "[Content_Types].xml", $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            var sheetList = string.Concat(sheets.Select((sh, i) => $"""<sheet name="{Esc(sh.Name)}" sheetId="{i + 1}" r:id="rId{i + 2}"/>"""));
            Write(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheetList}</sheets></workbook>""");
            var rels = string.Concat(sheets.Select((_, i) => $"""<Relationship Id="rId{i + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>"""));
            Write(zip, "xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>{rels}</Relationships>""");
            Write(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            for (var i = 0; i < sheets.Length; i++)
            {
                var body = new System.Text.StringBuilder();
                for (var r = 0; r < sheets[i].Rows.Length; r++)
                {
                    body.Append($"""<row r="{r + 1}">""");
                    for (var c = 0; c < sheets[i].Rows[r].Length; c++)
                    {
                        var at = $"{Col(c)}{r + 1}";
                        switch (sheets[i].Rows[r][c])
                        {
                            case null: break;
                            case string f when f.StartsWith('='):
                                var parts = f[1..].Split('|');
                                var type = parts[1].StartsWith('#') ? " t=\"e\"" : "";
                                body.Append($"""<c r="{at}"{type}><f>{Esc(parts[0])}</f><v>{Esc(parts[1])}</v></c>""");
                                break;
                            case string t: body.Append($"""<c r="{at}" t="inlineStr" s="{(r < 4 ? 1 : 0)}"><is><t>{Esc(t)}</t></is></c>"""); break;
                            case var n: body.Append($"""<c r="{at}" s="2"><v>{Convert.ToString(n, System.Globalization.CultureInfo.InvariantCulture)}</v></c>"""); break;
                        }
                    }
                    body.Append("</row>");
                }
                var merged = sheets[i].Merged.Length == 0 ? "" : $"""<mergeCells count="{sheets[i].Merged.Length}">{string.Concat(sheets[i].Merged.Select(m => $"<mergeCell ref=\"{m}\"/>"))}</mergeCells>""";
                Write(zip, $"xl/worksheets/sheet{i + 1}.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{body}</sheetData>{merged}</worksheet>""");
            }
        }
        return ms.ToArray();
    }
}
