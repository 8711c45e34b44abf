using System.Text.Json;

namespace FriendlyGov.BrowserTests;

/// <summary>Official papers print on one A4 page, as Chromium lays them out for print, and offer a print button.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class PrintTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_receipt_and_the_control_slip_of_a_dossier_with_many_documents_fit_on_one_A4_page()
    {
        var officer = await fx.SignedInAsync("chiengsinh.tiepnhan");
        // A birth registration: the procedure with the longest list of documents, every one of them received.
        var created = await officer.APIRequest.PostAsync("/api/v1/communes/03298/dossiers", new()
        {
            DataObject = new
            {
                procedureCode = "1.001193", applicantName = "Lường Thị Trang In", citizenId = "011095009999", phone = "0912000999",
                address = "Bản Hới Nọ, xã Chiềng Sinh, tỉnh Điện Biên", decision = "Accept", received = Enumerable.Range(0, 12).ToArray(),
            },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var code = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("code").GetString()!;
        // A long life: processing, then five rounds of asking for and receiving a supplement, each with its note.
        var specialist = await fx.SignedInAsync("chiengsinh.chuyenvien");
        async Task Act(IPage who, string action, string? note = null)
        {
            var dossier = JsonDocument.Parse(await (await who.APIRequest.GetAsync($"/api/v1/dossiers/{code}")).TextAsync()).RootElement;
            var r = await who.APIRequest.PostAsync($"/api/v1/dossiers/{code}/actions", new() { DataObject = new { action, note, version = dossier.GetProperty("version").GetInt32() } });
            Assert.True(r.Ok, $"{action}: {await r.TextAsync()}");
        }
        await Act(officer, "StartProcessing");
        for (var i = 1; i <= 5; i++)
        {
            await Act(specialist, "RequestSupplement", $"Lần {i}: bổ sung bản sao giấy chứng nhận kết hôn của cha mẹ và giấy chứng sinh có xác nhận của cơ sở y tế");
            await Act(officer, "Supplement");
        }
        foreach (var paper in new[] { "phieu", "kiem-soat" })
        {
            await officer.GotoAsync($"/can-bo/ho-so/{code}/{paper}");
            Assert.True(await officer.Locator("button[data-print]").IsVisibleAsync(), $"{paper}: the print button");
            var pdf = await officer.PdfAsync(new() { Format = "A4" });
            using var doc = UglyToad.PdfPig.PdfDocument.Open(pdf);
            Assert.True(doc.NumberOfPages == 1, $"{paper}: {doc.NumberOfPages} pages");
            Assert.Contains("Lường Thị Trang In", string.Join(" ", doc.GetPages().Select(p => p.Text)).Replace("\u00a0", " "));
        }
    }
}
