using FriendlyGov.Web.Features.NoticeBoard;

namespace FriendlyGov.Tests.Domain;

/// <summary>A budget table as a commune accountant makes it is read as they see it, or refused naming the cell at fault.</summary>
public sealed class DisclosureTableTests
{
    private static readonly string[] Columns = ["STT", "Nội dung", "Dự toán", "", "Thực hiện", "", "Tỷ lệ", "Q1", "Q2", "Q3", "Q4", "Nguồn", "Đơn vị", "Ghi chú", "Mã"];

    /// <summary>An instructions sheet first, then the table: a merged title, an empty row, two header rows with merged cells, numbers typed as text.</summary>
    internal static byte[] Budget(object?[]? extraRow = null)
    {
        object?[][] rows =
        [
            ["CÔNG KHAI DỰ TOÁN NGÂN SÁCH XÃ NĂM 2026"],
            [],
            Columns.Cast<object?>().Select(c => c is "" ? null : c).ToArray(),
            ["", "", "Thu", "Chi", "Thu", "Chi"],
            [1, "Thu ngân sách xã", "1.250.000.000", 1200000000, 600000000, 550000000, "=E5/C5|0.48", "x", "x", "x", "x", "NS xã", "đồng", "", "T01"],
            [2, "Chi thường xuyên", " 980.500.000 ", 980500000, 400000000, 390000000, "=E6/C6|0.41", "", "x", "", "", "NS xã", "đồng", "Đúng dự toán", "C01"],
        ];
        if (extraRow is not null) rows = [.. rows, extraRow];
        return TestFiles.Xlsx(
            ("Hướng dẫn", [["Nhập số liệu ở trang Dự toán 2026."]], []),
            ("Dự toán 2026", rows, ["A1:O1", "C3:D3", "E3:F3", "A3:A4", "B3:B4"]));
    }

    [Fact]
    public void A_hand_made_workbook_is_read_from_its_table_sheet_with_merged_headers_joined_and_numbers_kept_as_written()
    {
        var (table, problem) = WorkbookTables.Read(Budget());
        Assert.True(table is not null, problem);
        var header = table[0];
        Assert.Equal(15, header.Length);
        Assert.Equal(["STT", "Nội dung", "Dự toán – Thu", "Dự toán – Chi", "Thực hiện – Thu", "Thực hiện – Chi"], header[..6]);
        Assert.Equal("Mã", header[14]);
        Assert.Equal(3, table.Count); // the header and two rows: the title, the empty row and the second header row are not data
        Assert.Equal("1.250.000.000", table[1][2]); // typed as text, shown as typed
        Assert.Equal("1.200.000.000", table[1][3]); // a number, in Vietnamese digits
        Assert.Equal("980.500.000", table[2][2]);
        Assert.Equal("Thu ngân sách xã", table[1][1]);
        Assert.Equal("T01", table[1][14]);
    }

    [Fact]
    public void A_formula_error_is_refused_naming_its_cell()
    {
        var (table, problem) = WorkbookTables.Read(Budget([3, "Chi đầu tư", "0", 0, 0, 0, "=E7/C7|#DIV/0!"]));
        Assert.Null(table);
        Assert.Contains("G7", problem);
        Assert.Contains("#DIV/0!", problem);
        Assert.Contains("Dự toán 2026", problem);
    }

    [Fact]
    public void Too_wide_a_table_and_an_over_long_cell_name_where()
    {
        var wide = TestFiles.Xlsx(("Bảng", [Enumerable.Range(1, 45).Select(i => (object?)$"Cột {i}").ToArray(), Enumerable.Range(1, 45).Select(i => (object?)i).ToArray()], []));
        var (t1, p1) = WorkbookTables.Read(wide);
        Assert.Null(t1);
        Assert.Contains("45 cột", p1);
        var longCell = TestFiles.Xlsx(("Bảng", [["Nội dung", "Số tiền"], [new string('a', 600), 1]], []));
        var (t2, p2) = WorkbookTables.Read(longCell);
        Assert.Null(t2);
        Assert.Contains("A2", p2);
    }

    [Fact]
    public void Something_that_is_no_workbook_is_refused_plainly()
    {
        var (table, problem) = WorkbookTables.Read(TestFiles.Docx());
        Assert.Null(table);
        Assert.Contains("Không đọc được tệp Excel", problem);
    }
}
