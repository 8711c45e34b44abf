using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Features.Notifications;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The stored due date of an open petition is its clock's, whatever changes the clock: a day off announced or withdrawn,
/// a commune's office hours, a date gone wrong (the nightly run). The supervisor's desk counts from it in the database, and
/// its counts are the clock's.
/// </summary>
public abstract partial class PetitionDueDateTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private PetitionDeadlines Deadlines => app.Services.GetRequiredService<IOptions<PetitionDeadlines>>().Value;

    private async Task<string> FileAsync(string commune, string officer, string title)
    {
        var client = await app.LoginAsync(officer);
        var r = await client.PostAsJsonAsync($"/api/v1/communes/{commune}/petitions", new
        {
            category = "giao-thong", title, content = "Đường vào bản bị sạt sau mưa, xe máy đi lại khó khăn.", senderName = "Lò Văn Hạn",
            senderPhone = "0912345671", channel = "Counter",
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>The calendar the app counts a unit's deadlines on, read fresh from the database.</summary>
    private static Task<WorkingCalendar> CalendarAsync(AppDbContext db, int unitId) =>
        new Calendars(db, new ReferenceCache(TimeProvider.System)).ForUnitAsync(unitId);

    /// <summary>Starts the petition's clock <paramref name="workingMinutesAgo"/> of its commune's office time ago (or at a given time).</summary>
    private async Task<Petition> StartClockAsync(AppDbContext db, string code, double? workingMinutesAgo = null, DateTime? startLocal = null)
    {
        var p = await db.Petitions.SingleAsync(x => x.Code == code);
        var calendar = await CalendarAsync(db, p.UnitId);
        var start = startLocal ?? calendar.SubtractWorkingMinutes(VietnamTime.FromUtc(DateTime.UtcNow), workingMinutesAgo!.Value);
        p.StartClock(calendar, VietnamTime.ToUtc(start), Deadlines.AnswerDays);
        return p;
    }

    [GeneratedRegex("""id="petitions-card">(?<card>.*?)</a>""", RegexOptions.Singleline)]
    private static partial Regex Card();

    /// <summary>The desk's petition card as (open, due soon, late for the reader).</summary>
    private static async Task<(int Open, int Soon, int Late)> CardAsync(HttpClient client)
    {
        var card = WebUtility.HtmlDecode(Card().Match(await client.GetStringAsync("/can-bo")).Groups["card"].Value);
        int Of(string pattern) => Regex.Match(card, pattern) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;
        Assert.Contains("đang xử lý", card);
        return (Of(@"<strong>(\d+)</strong> đang xử lý"), Of(@"(\d+) sắp đến hạn"), Of(@"(\d+) quá hạn"));
    }

    /// <summary>A petition taken down in a commune that has no officer account in the demo (its neighbour's calendar differs).</summary>
    private static async Task<string> AddAsync(AppDbContext db, string commune, string title)
    {
        var code = "PA-HAN-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        db.Petitions.Add(new Petition
        {
            UnitId = (await db.Units.SingleAsync(u => u.Code == commune)).Id, Code = code, TrackingKey = Guid.NewGuid().ToString("N"),
            Channel = PetitionChannel.Counter, CategoryCode = "giao-thong", CategoryName = "Giao thông, hạ tầng", Title = title,
            Content = "Cống qua đường bị tắc, nước tràn mặt đường.", SenderName = "Lò Thị Hạn", SubmittedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return code;
    }

    [Fact]
    public async Task The_supervisors_desk_counts_petitions_due_soon_and_escalated_as_their_clocks_do()
    {
        var supervisor = await app.LoginAsync("giamsat.dienbien");
        var thanhHoa = await app.LoginAsync("giamsat.thanhhoa");
        // Mường Ảng (03289) closes at 16:00: a second calendar in the province, so the desk counts per calendar.
        await using (var db = app.OpenDb())
        {
            var unit = (await db.Units.SingleAsync(u => u.Code == "03289")).Id;
            if (!await db.OfficeHours.AnyAsync(h => h.UnitId == unit))
                db.OfficeHours.Add(new UnitOfficeHours
                {
                    UnitId = unit, MorningStart = new(7, 0), MorningEnd = new(11, 30), AfternoonStart = new(13, 30), AfternoonEnd = new(16, 0), SameDayCutoff = new(15, 0),
                });
            await db.SaveChangesAsync();
            await FriendlyGov.Web.Features.Petitions.PetitionDueDates.RealignAsync(db, Deadlines, unit);
        }
        var (before, elsewhere) = (await CardAsync(supervisor), await CardAsync(thanhHoa));

        var cases = new (string Commune, string Title, double AgoDays, double ExtraMinutes, bool Paused)[]
        {
            ("03298", "Sắp đến hạn", 0, -100, false),
            ("03298", "Vừa quá hạn (lãnh đạo xã)", 0, 300, false),
            ("03298", "Quá hạn lâu (báo cáo tỉnh)", (double)Deadlines.SupervisorAfterDays + 2, 0, false),
            ("03298", "Quá hạn lâu nhưng chờ bổ sung", 10, 0, true),
            ("03298", "Mới tiếp nhận", -(double)Deadlines.AnswerDays, 100, false),
            ("03289", "Sắp đến hạn ở Mường Ảng", 0, -60, false),
            ("03289", "Quá hạn lâu ở Mường Ảng (báo cáo tỉnh)", (double)Deadlines.SupervisorAfterDays + 1, 0, false),
        };
        var expected = (Soon: 0, Escalated: 0);
        foreach (var c in cases)
        {
            var title = $"{c.Title} (kiểm thử hạn)";
            string code;
            if (c.Commune == "03298") code = await FileAsync(c.Commune, "chiengsinh.tiepnhan", title);
            else { await using var db0 = app.OpenDb(); code = await AddAsync(db0, c.Commune, title); }
            await using var db = app.OpenDb();
            var unitId = (await db.Petitions.SingleAsync(x => x.Code == code)).UnitId;
            var day = (await CalendarAsync(db, unitId)).Hours.MinutesPerDay;
            // Started so long ago, in the commune's own working time, that the answer falls due the given days ago (plus minutes).
            var p = await StartClockAsync(db, code, ((double)Deadlines.AnswerDays + c.AgoDays) * day + c.ExtraMinutes);
            if (c.Paused) Assert.Null(p.RequestInfo(p.ClockStart.AddHours(1)));
            await db.SaveChangesAsync();
            // What the clock itself says of it, now: the desk's counts must agree.
            var calendar = await CalendarAsync(db, p.UnitId);
            var now = VietnamTime.FromUtc(DateTime.UtcNow);
            var due = PetitionClock.DueAsOf(calendar, VietnamTime.FromUtc(p.ClockStart), Deadlines.AnswerDays, p.PausedMinutes,
                p.PausedAt is DateTime pa ? VietnamTime.FromUtc(pa) : null, now);
            if (!c.Paused && PetitionClock.DueSoon(calendar, due, now)) expected.Soon++;
            if (PetitionClock.EscalationAt(calendar, due, now, c.Paused, Deadlines) == Escalation.Supervisor) expected.Escalated++;
        }
        Assert.Equal((2, 2), expected); // the cases are what their titles say

        var after = await CardAsync(supervisor);
        Assert.Equal(before.Open + cases.Length, after.Open);
        Assert.Equal(before.Soon + expected.Soon, after.Soon);
        Assert.Equal(before.Late + expected.Escalated, after.Late);
        Assert.Equal(elsewhere, await CardAsync(thanhHoa)); // another province's supervisor counts none of them
    }

    [Fact]
    public async Task A_day_off_announced_or_withdrawn_moves_the_open_petitions_due_dates_with_it()
    {
        // The clocks start on Monday 3 March 2031 at 9:00: fifteen working days run into the following weeks.
        var start = new DateTime(2031, 3, 3, 9, 0, 0);
        var (open, closed) = (await FileAsync("03298", "chiengsinh.tiepnhan", "Hạn theo lịch nghỉ (kiểm thử)"),
            await FileAsync("03298", "chiengsinh.tiepnhan", "Đã kết thúc (kiểm thử lịch nghỉ)"));
        DateTime openDue, closedDue;
        await using (var db = app.OpenDb())
        {
            openDue = (await StartClockAsync(db, open, startLocal: start)).DueAt;
            closedDue = (await StartClockAsync(db, closed, startLocal: start)).DueAt;
            await db.SaveChangesAsync();
            await db.Petitions.Where(p => p.Code == closed).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PetitionStatus.Closed));
        }

        var admin = await app.LoginAsync("quantri");
        var added = await admin.PostAsync("/quan-tri/lich-nghi?handler=Add", await AppFixture.FormAsync(admin, "/quan-tri/lich-nghi?nam=2031", new()
        {
            ["Input.Date"] = "2031-03-05", ["Input.Working"] = "false", ["Input.Reason"] = "Nghỉ theo thông báo (kiểm thử hạn)",
        }));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Hạn trả lời của 1 phản ánh", WebUtility.HtmlDecode(await admin.GetStringAsync(added.Headers.Location!.ToString())));
        await using (var db = app.OpenDb())
        {
            var p = await db.Petitions.AsNoTracking().SingleAsync(x => x.Code == open);
            var calendar = await CalendarAsync(db, p.UnitId);
            Assert.False(calendar.IsWorkingDay(new DateOnly(2031, 3, 5)));
            Assert.Equal(p.ClockDue(calendar, Deadlines.AnswerDays), p.DueAt);
            Assert.Equal(calendar.NextWorkingDay(DateOnly.FromDateTime(VietnamTime.FromUtc(openDue))),
                DateOnly.FromDateTime(VietnamTime.FromUtc(p.DueAt))); // one working day later
            Assert.Equal(closedDue, (await db.Petitions.AsNoTracking().SingleAsync(x => x.Code == closed)).DueAt); // a closed one keeps its record
            // The move is on the record, in the commune's chain, by the administrator who announced the day.
            var entry = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.Entity == nameof(Petition) && a.EntityId == p.Id.ToString())
                .OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains(nameof(Petition.DueAt), entry.Changes);
            Assert.Equal("quantri", entry.UserName);
            Assert.Equal(p.UnitId, entry.Chain);
        }

        var id = await Task.Run(async () => { await using var db = app.OpenDb(); return (await db.CalendarOverrides.SingleAsync(o => o.Date == new DateOnly(2031, 3, 5))).Id; });
        var removed = await admin.PostAsync("/quan-tri/lich-nghi?handler=Delete", await AppFixture.FormAsync(admin, "/quan-tri/lich-nghi?nam=2031", new() { ["id"] = id.ToString() }));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using (var db = app.OpenDb()) Assert.Equal(openDue, (await db.Petitions.AsNoTracking().SingleAsync(x => x.Code == open)).DueAt);
    }

    [Fact]
    public async Task A_communes_office_hours_move_its_own_open_petitions_due_dates_and_no_one_elses()
    {
        var start = new DateTime(2031, 6, 2, 16, 30, 0); // a Monday, half an hour before closing
        var (here, there) = (await FileAsync("16060", "quangloc.tiepnhan", "Hạn theo giờ làm việc (kiểm thử)"),
            await FileAsync("03298", "chiengsinh.tiepnhan", "Hạn ở xã khác (kiểm thử giờ làm việc)"));
        DateTime hereDue, thereDue;
        await using (var db = app.OpenDb())
        {
            hereDue = (await StartClockAsync(db, here, startLocal: start)).DueAt;
            thereDue = (await StartClockAsync(db, there, startLocal: start)).DueAt;
            await db.SaveChangesAsync();
        }

        var leader = await app.LoginAsync("quangloc.lanhdao");
        async Task<HttpResponseMessage> SetHoursAsync(string afternoonEnd)
        {
            var page = await leader.GetStringAsync("/can-bo/gio-lam-viec");
            var version = Regex.Match(page, """name="Input.Version" value="(\d+)"|value="(\d+)"[^>]*name="Input.Version"[^>]*""") is { Success: true } m
                ? m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value : "0";
            return await leader.PostAsync("/can-bo/gio-lam-viec", await AppFixture.FormAsync(leader, "/can-bo/gio-lam-viec", new()
            {
                ["Input.MorningStart"] = "07:00", ["Input.MorningEnd"] = "11:30", ["Input.AfternoonStart"] = "13:30",
                ["Input.AfternoonEnd"] = afternoonEnd, ["Input.SameDayCutoff"] = "15:00", ["Input.Version"] = version,
            }));
        }
        // Closing at 16:00 instead of 17:00: the clock, started at 16:30, starts the next morning, and the answer is due at 16:00.
        Assert.Equal(HttpStatusCode.Redirect, (await SetHoursAsync("16:00")).StatusCode);
        await using (var db = app.OpenDb())
        {
            var p = await db.Petitions.AsNoTracking().SingleAsync(x => x.Code == here);
            var calendar = await CalendarAsync(db, p.UnitId);
            Assert.Equal(new TimeOnly(16, 0), calendar.Hours.AfternoonEnd);
            Assert.Equal(p.ClockDue(calendar, Deadlines.AnswerDays), p.DueAt);
            Assert.Equal(hereDue.AddHours(-1), p.DueAt);
            Assert.Equal(thereDue, (await db.Petitions.AsNoTracking().SingleAsync(x => x.Code == there)).DueAt); // another commune's hours
        }
        Assert.Equal(HttpStatusCode.Redirect, (await SetHoursAsync("17:00")).StatusCode);
        await using (var db = app.OpenDb()) Assert.Equal(hereDue, (await db.Petitions.AsNoTracking().SingleAsync(x => x.Code == here)).DueAt);
    }

    [Fact]
    public async Task The_nightly_run_puts_back_a_due_date_that_went_wrong_running_or_paused()
    {
        var (running, paused) = (await FileAsync("03298", "chiengsinh.tiepnhan", "Hạn bị lệch (kiểm thử)"),
            await FileAsync("03298", "chiengsinh.tiepnhan", "Hạn bị lệch khi chờ bổ sung (kiểm thử)"));
        await using (var db = app.OpenDb())
        {
            await StartClockAsync(db, running, 600);
            var p = await StartClockAsync(db, paused, 600);
            Assert.Null(p.RequestInfo(DateTime.UtcNow.AddMinutes(-30)));
            await db.SaveChangesAsync();
            // A date of an old calendar (or written by hand): three days off.
            Assert.Equal(2, await db.Petitions.Where(x => x.Code == running || x.Code == paused)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, x => x.DueAt.AddDays(3))));
        }
        var outcome = await ActivatorUtilities.CreateInstance<PetitionDueDatesJob>(app.Services).RunNowAsync();
        Assert.Matches(@"^\d+ hạn trả lời được tính lại$", outcome);
        Assert.True(int.Parse(outcome.Split(' ')[0]) >= 2, outcome);
        await using (var db = app.OpenDb())
            foreach (var code in new[] { running, paused })
            {
                var p = await db.Petitions.AsNoTracking().SingleAsync(x => x.Code == code);
                Assert.Equal(p.ClockDue(await CalendarAsync(db, p.UnitId), Deadlines.AnswerDays), p.DueAt);
            }
        // Nothing left to move: a second run moves none.
        Assert.Equal("0 hạn trả lời được tính lại", await ActivatorUtilities.CreateInstance<PetitionDueDatesJob>(app.Services).RunNowAsync());
    }
}

public sealed class PetitionDueDateTestsSqlite(SqliteApp app) : PetitionDueDateTests<SqliteApp>(app);
public sealed class PetitionDueDateTestsPostgres(PostgresApp app) : PetitionDueDateTests<PostgresApp>(app);
