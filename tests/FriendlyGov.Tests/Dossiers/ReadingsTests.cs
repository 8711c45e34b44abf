using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Every access to a citizen's dossier is logged (Decree 13/2023) and shown back to them: each official's reading of a
/// dossier (its page, a paper, the API) is an entry in the commune's sealed chain, listed on the citizen's page behind the
/// receipt's link and on the dossier's page for the leaders; the register's readings are one entry each.
/// </summary>
public abstract class ReadingsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static List<string> Items(string html) => [.. Regex.Matches(html, "<li class=\"card\">(.*?)</li>", RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

    private async Task<string> FullNameAsync(string userName)
    {
        await using var db = app.OpenDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.FullName).SingleAsync();
    }

    private async Task<List<AuditEntry>> ReadEntriesAsync(string entity, string entityId)
    {
        await using var db = app.OpenDb();
        return await db.AuditEntries.Where(a => a.Entity == entity && a.EntityId == entityId && a.Action == AppDbContext.ReadAction).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Each_official_who_reads_a_dossier_is_listed_for_its_citizen_once_per_reading()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var (phone, citizenId, name) = ("09" + TestDossiers.Digits(8), "011197" + TestDossiers.Digits(6), "Lò Văn Đọc " + TestDossiers.Digits(4));
        var (code, key) = await TestDossiers.ReceiveAsync(officer, applicant: name, phone: phone, citizenId: citizenId);
        int id, unit;
        await using (var db = app.OpenDb())
        {
            var row = await db.Dossiers.Where(d => d.Code == code).Select(d => new { d.Id, d.UnitId }).SingleAsync();
            (id, unit) = (row.Id, row.UnitId);
        }
        var entityId = id.ToString(CultureInfo.InvariantCulture);

        // Receiving it is a change, not a reading: the citizen's page says nobody has opened it yet, and is kept out of search engines.
        var citizen = app.Anonymous();
        var empty = await citizen.GetAsync($"/tra-cuu/{key}/luot-xem");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("noindex", empty.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Contains("Chưa có cán bộ nào mở.", await empty.Content.ReadAsStringAsync());
        Assert.Contains($"/tra-cuu/{key}/luot-xem", await citizen.GetStringAsync($"/tra-cuu/{key}"));

        // A colleague not given it opens its page (three times: one reading), the counter prints its receipt, the leader reads it by API.
        for (var i = 0; i < 3; i++)
            Assert.Contains("id=\"read-notice\"", await specialist.GetStringAsync($"/can-bo/ho-so/{code}"));
        (await officer.GetAsync($"/can-bo/ho-so/{code}/phieu")).EnsureSuccessStatusCode();
        (await leader.GetAsync($"/api/v1/dossiers/{code}")).EnsureSuccessStatusCode();
        // Another commune's officer is refused, and that is no reading of it.
        var stranger = await app.LoginAsync("quangloc.tiepnhan");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/can-bo/ho-so/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/dossiers/{code}")).StatusCode);

        var entries = await ReadEntriesAsync(nameof(Dossier), entityId);
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(unit, e.Chain));
        // The log says what was read and how, never the values read.
        Assert.All(entries, e => Assert.DoesNotContain(phone, e.Changes + e.UserName));
        Assert.All(entries, e => Assert.DoesNotContain(citizenId, e.Changes));
        Assert.All(entries, e => Assert.DoesNotContain(name, e.Changes));

        var listed = Items(await citizen.GetStringAsync($"/tra-cuu/{key}/luot-xem"));
        Assert.Equal(3, listed.Count);
        // Newest first: the leader's API reading, the counter's receipt, the specialist's masked page.
        Assert.Contains(await FullNameAsync("chiengsinh.lanhdao"), listed[0]);
        Assert.Contains("Phần mềm của cơ quan (API)", listed[0]);
        Assert.Contains("xem đầy đủ thông tin cá nhân", listed[0]);
        Assert.Contains(await FullNameAsync("chiengsinh.tiepnhan"), listed[1]);
        Assert.Contains("Giấy tiếp nhận hồ sơ", listed[1]);
        Assert.Contains(await FullNameAsync("chiengsinh.chuyenvien"), listed[2]);
        Assert.Contains("Công chức chuyên môn", listed[2]);
        Assert.Contains("Trang hồ sơ", listed[2]);
        Assert.Contains("thông tin cá nhân đã được che", listed[2]);
        // The same list for the citizen's apps, by the same key.
        var api = (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/tracking/{key}/readings")).EnumerateArray().ToList();
        Assert.Equal(3, api.Count);
        Assert.Equal(("api", true, "commune-leader"), (api[0].GetProperty("view").GetString(), api[0].GetProperty("inFull").GetBoolean(), api[0].GetProperty("role").GetString()));
        Assert.Equal(("ho-so", false, "Công chức chuyên môn"), (api[2].GetProperty("view").GetString(), api[2].GetProperty("inFull").GetBoolean(), api[2].GetProperty("roleName").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync($"/api/v1/tracking/{key}x/readings")).StatusCode);
        // The citizen's page, open to whoever holds the link, shows none of the applicant's details.
        var page = await citizen.GetStringAsync($"/tra-cuu/{key}/luot-xem");
        Assert.DoesNotContain(phone, page);
        Assert.DoesNotContain(citizenId, page);

        // The leader sees the readings on the dossier's page (their own included); the specialist does not.
        var leaderPage = await leader.GetStringAsync($"/can-bo/ho-so/{code}");
        Assert.Contains("id=\"reads-log\"", leaderPage);
        Assert.Contains(await FullNameAsync("chiengsinh.chuyenvien"), leaderPage[leaderPage.IndexOf("id=\"reads-log\"", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("id=\"reads-log\"", await specialist.GetStringAsync($"/can-bo/ho-so/{code}"));
        Assert.Equal(4, (await ReadEntriesAsync(nameof(Dossier), entityId)).Count); // the leader's page is a reading too

        // The readings are sealed in the commune's chain: intact as written, and one removed is seen.
        await using (var check = app.OpenDb()) Assert.True((await AuditSeals.VerifyAsync(check, unit)).Intact);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync($"/tra-cuu/{key}x/luot-xem")).StatusCode);

        // The leader finds the readings apart from the changes in the commune's log, on the page and through the API.
        var reads = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entity=Dossier&kind=read&unit=03298");
        var rows = reads.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Read", r.GetProperty("action").GetString()));
        Assert.Contains(rows, r => r.GetProperty("entityId").GetString() == entityId && r.GetProperty("userName").GetString() == "chiengsinh.chuyenvien");
        var changes = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entity=Dossier&kind=change&unit=03298");
        Assert.All(changes.GetProperty("rows").EnumerateArray(), r => Assert.NotEqual("Read", r.GetProperty("action").GetString()));
        var logPage = await leader.GetStringAsync("/nhat-ky?loai=read&Entity=Dossier");
        Assert.Contains("<td>Xem</td>", logPage);
        Assert.DoesNotContain("<td>Thêm mới</td>", logPage);
        // Above the list, each official's readings of the week, those in full first: the specialist read masked only.
        var week = logPage[logPage.IndexOf("id=\"readers\"", StringComparison.Ordinal)..];
        var specialistRow = Regex.Match(week, "<tr><td>chiengsinh.chuyenvien</td><td>(\\d+)</td><td>(\\d+)</td></tr>");
        Assert.True(specialistRow.Success, week[..Math.Min(week.Length, 600)]);
        Assert.Equal("0", specialistRow.Groups[1].Value); // this class's specialist reads masked only
        Assert.True(int.Parse(specialistRow.Groups[2].Value, CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("<tr><td>chiengsinh.lanhdao</td>", week);
    }

    [Fact]
    public async Task Each_official_who_reads_a_petition_is_listed_on_its_senders_page()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var phone = "09" + TestDossiers.Digits(8);
        var created = await (await officer.PostAsJsonAsync("/api/v1/communes/03298/petitions", new
        {
            category = "giao-thong", title = "Cống bản Lồng tắc " + TestDossiers.Digits(4), content = "Cống đầu bản Lồng tắc, nước tràn ra đường.",
            senderName = "Lò Văn Cống", senderPhone = phone, channel = "Counter", consentPublish = false,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var (code, key) = (created.GetProperty("code").GetString()!, created.GetProperty("trackingUrl").GetString()!.Split('/')[^1]);
        var sender = app.Anonymous();
        Assert.Contains("Chưa có cán bộ nào mở.", await sender.GetStringAsync($"/phan-anh/{key}"));

        Assert.Contains("id=\"read-notice\"", await specialist.GetStringAsync($"/can-bo/phan-anh/{code}"));
        (await leader.GetAsync($"/api/v1/petitions/{code}")).EnsureSuccessStatusCode();
        var stranger = await app.LoginAsync("quangloc.tiepnhan");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/can-bo/phan-anh/{code}")).StatusCode);

        var page = await sender.GetStringAsync($"/phan-anh/{key}");
        var listed = Items(page[page.IndexOf("id=\"reads-log\"", StringComparison.Ordinal)..]);
        Assert.Equal(2, listed.Count);
        Assert.Contains(await FullNameAsync("chiengsinh.lanhdao"), listed[0]);
        Assert.Contains("Phần mềm của cơ quan (API)", listed[0]);
        Assert.Contains("xem đầy đủ thông tin cá nhân", listed[0]);
        Assert.Contains(await FullNameAsync("chiengsinh.chuyenvien"), listed[1]);
        Assert.Contains("Trang phản ánh", listed[1]);
        Assert.Contains("thông tin cá nhân đã được che", listed[1]);
        // The leader sees the same list on the petition's page; the log holds no phone.
        Assert.Contains("id=\"reads-log\"", await leader.GetStringAsync($"/can-bo/phan-anh/{code}"));
        int id;
        await using (var db = app.OpenDb()) id = await db.Petitions.Where(x => x.Code == code).Select(x => x.Id).SingleAsync();
        var entries = await ReadEntriesAsync(nameof(Petition), id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain(phone, e.Changes));
    }

    [Fact]
    public async Task A_reading_of_the_register_or_its_export_is_one_entry_of_the_commune()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        await TestDossiers.ReceiveAsync(officer, applicant: "Cà Thị Sổ " + TestDossiers.Digits(4), phone: "09" + TestDossiers.Digits(8));
        int unit;
        await using (var db = app.OpenDb()) unit = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        var entityId = unit.ToString(CultureInfo.InvariantCulture);
        var before = (await ReadEntriesAsync("DossierRegister", entityId)).Count;

        (await officer.GetAsync("/can-bo/so-theo-doi")).EnsureSuccessStatusCode();
        (await officer.GetAsync("/can-bo/so-theo-doi?handler=Export")).EnsureSuccessStatusCode();
        (await officer.GetAsync("/can-bo/so-theo-doi?trang-thai=Received")).EnsureSuccessStatusCode(); // the same reading, refiltered

        var entries = (await ReadEntriesAsync("DossierRegister", entityId)).Skip(before).ToList();
        string officerId;
        await using (var db = app.OpenDb()) officerId = await db.Users.Where(u => u.UserName == "chiengsinh.tiepnhan").Select(u => u.Id).SingleAsync();
        // The page and its export, each once (the refiltered page falls in the same reading); the counter reads every row in full.
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((unit, officerId), (e.UnitId!.Value, e.UserId!)));
        Assert.Contains("\"View\":\"so-theo-doi\"", entries[0].Changes);
        Assert.Contains("\"View\":\"xuat-so\"", entries[1].Changes);
        Assert.All(entries, e => Assert.Contains("\"InFull\":true", e.Changes));
        Assert.All(entries, e => Assert.DoesNotContain("Cà Thị Sổ", e.Changes));
    }

    [Fact]
    public async Task A_reading_is_recorded_again_only_after_the_window_and_never_beside_an_unsaved_change()
    {
        int unit;
        await using (var db = app.OpenDb()) unit = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        var clock = new StepClock(DateTimeOffset.UtcNow);
        var scope = new FixedScope([unit], [unit]);
        var record = "t" + TestDossiers.Digits(8);
        AppDbContext Open() => AppDbContext.Create(app.Services.GetRequiredService<DbContextOptions<AppDbContext>>(), scope, clock, app.AuditKey);
        async Task ReadAsync(string what)
        {
            await using var db = Open();
            await db.RecordReadsAsync([new AuditRead(unit, nameof(Dossier), record, what, InFull: false)], Roles.Specialist);
        }

        await ReadAsync("ho-so");
        clock.Advance(AppDbContext.ReadWindow - TimeSpan.FromMinutes(1));
        await ReadAsync("ho-so");
        Assert.Single(await ReadEntriesAsync(nameof(Dossier), record));
        await ReadAsync("kiem-soat"); // another paper of it is another reading
        Assert.Equal(2, (await ReadEntriesAsync(nameof(Dossier), record)).Count);
        clock.Advance(TimeSpan.FromMinutes(2));
        await ReadAsync("ho-so");
        Assert.Equal(3, (await ReadEntriesAsync(nameof(Dossier), record)).Count);

        // A context holding an unsaved change would write it unaudited with the reading: refused.
        await using (var db = Open())
        {
            db.CalendarOverrides.Add(new CalendarDayOverride { Date = new DateOnly(2031, 1, 2), Working = false, Reason = "thử" });
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.RecordReadsAsync([new AuditRead(unit, nameof(Dossier), record, "api", true)], null));
        }
        Assert.Equal(3, (await ReadEntriesAsync(nameof(Dossier), record)).Count);
        await using (var check = app.OpenDb()) Assert.False(await check.CalendarOverrides.AnyAsync(c => c.Date == new DateOnly(2031, 1, 2)));
    }

    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}

public sealed class ReadingsTestsSqlite(SqliteApp app) : ReadingsTests<SqliteApp>(app);
public sealed class ReadingsTestsPostgres(PostgresApp app) : ReadingsTests<PostgresApp>(app);
