using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The counter's list of dossiers (/can-bo/ho-so): found by code, name (with or without diacritics), phone and ID number
/// within the officer's own commune; the late, due and ready lists and their counts drawn from every open dossier, not
/// only the newest page.
/// </summary>
public abstract class DossierListTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    /// <summary>The dossier codes listed in the page's table.</summary>
    private static List<string> Codes(string html) =>
        [.. Regex.Matches(html, "<td><a href=\"/can-bo/ho-so/([^\"/]+)\">").Select(m => m.Groups[1].Value)];

    private static int CountIn(string html, string filter) =>
        int.Parse(Regex.Match(html, $"href=\"\\?loc={filter}\"[^>]*>[^<(]*\\((\\d+)\\)").Groups[1].Value);

    [Fact]
    public async Task An_officer_finds_a_dossier_by_code_name_without_diacritics_phone_or_ID_number_and_only_in_their_commune()
    {
        var chiengSinh = await app.LoginAsync("chiengsinh.tiepnhan");
        var quangLoc = await app.LoginAsync("quangloc.tiepnhan");
        // A name no other test uses, in two communes; the phone and ID number only here.
        string[] syllables = ["Dợ", "Xúa", "Pả", "Sềnh", "Mỷ", "Tủa", "Chứ", "Lầu", "Sính", "Khứ"];
        var name = "Giàng Thị " + string.Join(' ', Enumerable.Range(0, 2).Select(_ => syllables[Random.Shared.Next(syllables.Length)]));
        var phone = "09" + TestDossiers.Digits(8);
        var citizenId = "011197" + TestDossiers.Digits(6);
        var (code, _) = await TestDossiers.ReceiveAsync(chiengSinh, applicant: name, phone: phone, citizenId: citizenId);
        var (elsewhere, _) = await TestDossiers.ReceiveAsync(quangLoc, applicant: name, phone: phone, commune: "16060", citizenId: "038197" + TestDossiers.Digits(6));

        var folded = FriendlyGov.Core.Domain.VietnameseText.Fold(name).ToUpperInvariant(); // "GIANG THI SENH DO": no marks, other case
        foreach (var search in new[] { name, folded, phone, citizenId, code[^8..], code })
        {
            var html = await chiengSinh.GetStringAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString(search));
            var codes = Codes(html);
            Assert.True(codes.Contains(code), $"“{search}” finds {code}: {string.Join(", ", codes)}");
            Assert.DoesNotContain(elsewhere, codes);
            Assert.Contains("phù hợp với", html);
        }
        // Quang Lộc's officer finds its own dossier, never Chiềng Sinh's.
        var theirs = Codes(await quangLoc.GetStringAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString(name)));
        Assert.Contains(elsewhere, theirs);
        Assert.DoesNotContain(code, theirs);
        // Part of a phone number is not a search for phones: it finds nothing rather than every number with those digits.
        Assert.DoesNotContain(code, Codes(await chiengSinh.GetStringAsync("/can-bo/ho-so?q=" + phone[..6])));

        var none = await chiengSinh.GetStringAsync("/can-bo/ho-so?q=" + Uri.EscapeDataString("Không Ai Tên Này " + TestDossiers.Digits(4)));
        Assert.Empty(Codes(none));
        Assert.Contains("Không có hồ sơ nào phù hợp.", none);
    }

    [Fact]
    public async Task A_dossier_done_waits_in_the_ready_list_until_it_is_returned()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var (code, _) = await TestDossiers.ReceiveAsync(officer);
        Assert.DoesNotContain(code, Codes(await officer.GetStringAsync("/can-bo/ho-so?loc=cho-tra")));
        await TestDossiers.ActAsync(officer, code, "StartProcessing");
        await TestDossiers.ActAsync(specialist, code, "HandOver");
        await TestDossiers.ActAsync(leader, code, "Complete");
        var ready = await officer.GetStringAsync("/can-bo/ho-so?loc=cho-tra");
        Assert.Contains(code, Codes(ready));
        Assert.Equal(Codes(ready).Count, CountIn(ready, "cho-tra"));
        Assert.Contains("aria-current=\"page\">Chờ trả kết quả", ready);
        await TestDossiers.ActAsync(officer, code, "Return", receivedBy: "Lường Thị Én");
        Assert.DoesNotContain(code, Codes(await officer.GetStringAsync("/can-bo/ho-so?loc=cho-tra")));
    }

    [Fact]
    public async Task The_late_list_and_its_count_hold_a_late_dossier_older_than_the_newest_page()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var (late, _) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Văn Muộn");
        await TestDossiers.ActAsync(officer, late, "StartProcessing");
        await using (var db = app.OpenDb())
        {
            var d = await db.Dossiers.SingleAsync(x => x.Code == late);
            db.Entry(d).Property(x => x.AppointedAt).CurrentValue = DateTime.UtcNow.AddDays(-2); // time has passed: set as the clock would
            await db.SaveChangesAsync();
        }
        // A full page of newer dossiers at the same counter, four at a time.
        var size = FriendlyGov.Web.Features.Dossiers.IndexModel.PageSize;
        for (var i = 0; i < size; i += 4)
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TestDossiers.ReceiveAsync(officer, applicant: "Lò Thị Mới")));

        var all = await officer.GetStringAsync("/can-bo/ho-so");
        Assert.Equal(size, Codes(all).Count);
        Assert.DoesNotContain(late, Codes(all));
        Assert.Contains("Chỉ hiện 300 hồ sơ mới nhất", all);

        var lateList = await officer.GetStringAsync("/can-bo/ho-so?loc=tre-han");
        Assert.Contains(late, Codes(lateList));
        Assert.Equal(Codes(lateList).Count, CountIn(lateList, "tre-han"));
        Assert.Equal(CountIn(all, "tre-han"), CountIn(lateList, "tre-han"));
        Assert.Contains(late + "</a> ⚠", lateList); // no apology yet
        // The desk counts the same late dossiers as the list.
        Assert.Matches($"<strong>{CountIn(lateList, "tre-han")}</strong> Hồ sơ trễ hạn", Regex.Replace(await officer.GetStringAsync("/can-bo"), @"\s+", " "));
        // And a search reaches it beyond the page, and within the late list by name.
        Assert.Contains(late, Codes(await officer.GetStringAsync("/can-bo/ho-so?q=" + late)));
        var lateByName = Codes(await officer.GetStringAsync("/can-bo/ho-so?loc=tre-han&q=muon"));
        Assert.Contains(late, lateByName);
        Assert.True(lateByName.Count < Codes(lateList).Count || Codes(lateList).Count == 1, "the name narrows the late list");
    }

    [Fact]
    public async Task The_register_over_a_period_with_more_than_it_shows_keeps_the_newest_and_says_so()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var (model, _) = await TestDossiers.ReceiveAsync(officer, applicant: "Lò Văn Sổ");
        // A period of its own, long ago, holding one dossier more than the register shows: copies of the one just received,
        // each received a minute after the last.
        var size = FriendlyGov.Web.Features.Dossiers.BookModel.MaxRows + 1;
        var start = new DateTime(2019, 3, 4, 1, 0, 0, DateTimeKind.Utc); // 08:00 in Viet Nam
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using (var db = app.OpenDb())
        {
            var template = db.Entry(await db.Dossiers.SingleAsync(x => x.Code == model)).CurrentValues.Clone();
            db.ChangeTracker.Clear();
            for (var i = 0; i < size; i++)
            {
                (template["Id"], template["Code"], template["TrackingKey"], template["Version"]) = (0, $"SO-{tag}-{i:D5}", $"so{tag}{i:D5}".ToLowerInvariant(), 0);
                (template["ReceivedAt"], template["AppointedAt"]) = (start.AddMinutes(i), start.AddMinutes(i).AddDays(10));
                db.Dossiers.Add((FriendlyGov.Core.Data.Dossier)template.ToObject());
                if (i % 500 == 499 || i == size - 1) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
        }
        var book = await officer.GetStringAsync("/can-bo/so-theo-doi?tu=04/03/2019&den=10/03/2019");
        Assert.Contains("id=\"book-truncated\"", book);
        Assert.Contains($"SO-{tag}-{size - 1:D5}", book); // the newest is shown
        Assert.DoesNotContain($"SO-{tag}-00000", book); // the oldest is the one left out
        Assert.Equal(size - 1, System.Text.RegularExpressions.Regex.Matches(book, $"SO-{tag}-\\d{{5}}").Select(m => m.Value).Distinct().Count());
        // A period that holds them all shows every one, and no warning.
        var day = await officer.GetStringAsync("/can-bo/so-theo-doi?tu=04/03/2019&den=04/03/2019");
        Assert.DoesNotContain("book-truncated", day);
        Assert.Contains($"SO-{tag}-00000", day);
    }
}

public sealed class DossierListTestsSqlite(SqliteApp app) : DossierListTests<SqliteApp>(app);
public sealed class DossierListTestsPostgres(PostgresApp app) : DossierListTests<PostgresApp>(app);
