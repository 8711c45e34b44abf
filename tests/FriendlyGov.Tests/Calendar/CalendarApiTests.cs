using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

public abstract class CalendarApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Theory]
    [InlineData("2025-01-24T10:00", "2", "2025-02-04T11:30:00", "11 giờ 30 phút, ngày 04 tháng 02 năm 2025")]
    [InlineData("2025-01-24T03:00Z", "2", "2025-02-04T11:30:00", "11 giờ 30 phút, ngày 04 tháng 02 năm 2025")]
    [InlineData("2025-04-25T16:00", "1", "2025-04-26T17:00:00", "17 giờ 00 phút, ngày 26 tháng 04 năm 2025")]
    [InlineData("2025-01-06T17:30", "0.5", "2025-01-07T11:30:00", "11 giờ 30 phút, ngày 07 tháng 01 năm 2025")]
    public async Task Due_date_counts_working_days_on_the_communes_calendar(string from, string days, string due, string text)
    {
        var result = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/calendar/due-date?unit=03298&from={Uri.EscapeDataString(from)}&workingDays={days}");
        Assert.Equal(due, result.GetProperty("due").GetString());
        Assert.Equal(text, result.GetProperty("dueText").GetString());
    }

    [Fact]
    public async Task Same_day_procedures_move_to_the_next_working_day_after_the_cutoff()
    {
        var before = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/due-date?unit=03298&from=2025-01-06T14:30&sameDay=true");
        var after = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/due-date?unit=03298&from=2025-01-06T15:30&sameDay=true");
        Assert.Equal("2025-01-06T17:00:00", before.GetProperty("due").GetString());
        Assert.Equal("2025-01-07T17:00:00", after.GetProperty("due").GetString());
    }

    [Fact]
    public async Task Bad_parameters_get_a_400_problem_naming_each_one()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/calendar/due-date?unit=99999&from=hom-qua&workingDays=0.3");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("unit", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.Contains("nửa ngày", errors.GetProperty("workingDays").GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/api/v1/calendar/1800?unit=03298")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/calendar/2025?unit=11")).StatusCode);
    }

    [Fact]
    public async Task The_year_lists_days_off_and_make_up_days_with_office_hours()
    {
        var y2025 = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/2025?unit=03298");
        var days = y2025.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!, d => d);
        Assert.True(days["2025-04-26"].GetProperty("working").GetBoolean());
        Assert.False(days["2025-05-02"].GetProperty("working").GetBoolean());
        Assert.False(days["2025-01-27"].GetProperty("working").GetBoolean());
        Assert.Equal("Thứ Bảy", days["2025-04-26"].GetProperty("dayName").GetString());
        Assert.True(y2025.GetProperty("officeHours").GetProperty("saturdayMorning").GetBoolean());
        var y2026 = await app.Anonymous().GetStringAsync("/api/v1/calendar/2026?unit=16060");
        Assert.Contains("\"date\":\"2026-04-27\"", y2026);
        Assert.Contains("Nghỉ bù Giỗ Tổ Hùng Vương", y2026);
        Assert.Contains("\"saturdayMorning\":false", y2026);
    }

    [Fact]
    public async Task An_administrator_adds_an_announced_day_and_due_dates_follow()
    {
        var admin = await app.LoginAsync("quantri");
        // 2031-03-03 is a Monday: announce it as a day off.
        var added = await admin.PostAsync("/quan-tri/lich-nghi?handler=Add", await AppFixture.FormAsync(admin, "/quan-tri/lich-nghi?nam=2031", new()
        {
            ["Input.Date"] = "2031-03-03", ["Input.Working"] = "false", ["Input.Reason"] = "Nghỉ theo thông báo (thử)",
        }));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var due = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/due-date?unit=03298&from=2031-02-28T16:00&workingDays=1");
        Assert.Equal("2031-03-04T17:00:00", due.GetProperty("due").GetString()); // Friday 1 h, Monday off, Tuesday 7 h

        var duplicate = await admin.PostAsync("/quan-tri/lich-nghi?handler=Add", await AppFixture.FormAsync(admin, "/quan-tri/lich-nghi?nam=2031", new()
        {
            ["Input.Date"] = "2031-03-03", ["Input.Working"] = "true", ["Input.Reason"] = "Trùng",
        }));
        Assert.Contains("Ngày này đã có trong bảng", await duplicate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_leader_sets_the_communes_office_hours_and_only_that_commune_changes()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        var wrong = await leader.PostAsync("/can-bo/gio-lam-viec", await AppFixture.FormAsync(leader, "/can-bo/gio-lam-viec", new()
        {
            ["Input.MorningStart"] = "07:30", ["Input.MorningEnd"] = "14:00", ["Input.AfternoonStart"] = "13:30",
            ["Input.AfternoonEnd"] = "16:30", ["Input.SameDayCutoff"] = "15:00", ["Input.Version"] = "0",
        }));
        Assert.Contains("Giờ làm việc phải theo thứ tự", await wrong.Content.ReadAsStringAsync());
        var ok = await leader.PostAsync("/can-bo/gio-lam-viec", await AppFixture.FormAsync(leader, "/can-bo/gio-lam-viec", new()
        {
            ["Input.MorningStart"] = "07:30", ["Input.MorningEnd"] = "11:30", ["Input.AfternoonStart"] = "13:30",
            ["Input.AfternoonEnd"] = "16:30", ["Input.SaturdayMorning"] = "true", ["Input.SameDayCutoff"] = "15:00", ["Input.Version"] = "0",
        }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        // The commune's public page gives people the hours its appointments are counted in, Saturday morning included, in
        // the reader's language.
        static string Hours(string html) => System.Text.RegularExpressions.Regex.Match(html, "<span id=\"office-hours\">([^<]*)</span>").Groups[1].Value;
        var visitor = app.Anonymous();
        Assert.Equal("Sáng 7:30–11:30, chiều 13:30–16:30, từ thứ Hai đến thứ Sáu; sáng thứ Bảy 7:30–11:30",
            System.Net.WebUtility.HtmlDecode(Hours(await visitor.GetStringAsync("/xa/16060"))));
        await visitor.PostAsync("/ngon-ngu", await AppFixture.FormAsync(visitor, "/", new() { ["culture"] = "en", ["returnUrl"] = "/xa/16060" }));
        Assert.Equal("Mornings 7:30–11:30, afternoons 13:30–16:30, Monday to Friday; Saturday mornings 7:30–11:30",
            System.Net.WebUtility.HtmlDecode(Hours(await visitor.GetStringAsync("/xa/16060"))));
        // The leader saves the commune's profile as its form shows it, with a new phone: the hours the form shows are the
        // calendar's own, and saving them back must not freeze them into a text that the next change of hours would contradict.
        var profilePage = await leader.GetStringAsync("/can-bo/thong-tin-xa");
        var fields = System.Text.RegularExpressions.Regex.Matches(profilePage, "name=\"(Input\\.[A-Za-z]+)\" value=\"([^\"]*)\"")
            .Where(m => m.Groups[1].Value != "Input.AnswersNeedApproval")
            .ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.Equal("Sáng 7:30–11:30, chiều 13:30–16:30, từ thứ Hai đến thứ Sáu; sáng thứ Bảy 7:30–11:30", fields["Input.OfficeHours"]);
        fields["Input.Phone"] = "0215 3851 999";
        fields["Input.AnswersNeedApproval"] = "true";
        var saved = await leader.PostAsync("/can-bo/thong-tin-xa", await AppFixture.FormAsync(leader, "/can-bo/thong-tin-xa", fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("0215 3851 999", await visitor.GetStringAsync("/xa/16060"));
        // No more Saturdays: the page says so at once.
        var weekdays = await leader.PostAsync("/can-bo/gio-lam-viec", await AppFixture.FormAsync(leader, "/can-bo/gio-lam-viec", new()
        {
            ["Input.MorningStart"] = "07:30", ["Input.MorningEnd"] = "11:30", ["Input.AfternoonStart"] = "13:30",
            ["Input.AfternoonEnd"] = "16:30", ["Input.SameDayCutoff"] = "15:00",
            ["Input.Version"] = System.Text.RegularExpressions.Regex.Match(await leader.GetStringAsync("/can-bo/gio-lam-viec"),
                "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, weekdays.StatusCode);
        Assert.Equal("Mornings 7:30–11:30, afternoons 13:30–16:30, Monday to Friday",
            System.Net.WebUtility.HtmlDecode(Hours(await visitor.GetStringAsync("/xa/16060"))));
        var quangLoc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/due-date?unit=16060&from=2025-01-06T07:30&workingDays=1");
        Assert.Equal("2025-01-06T16:30:00", quangLoc.GetProperty("due").GetString());
        var chiengSinh = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/calendar/due-date?unit=03298&from=2025-01-06T07:00&workingDays=1");
        Assert.Equal("2025-01-06T17:00:00", chiengSinh.GetProperty("due").GetString());

        // An officer sees the hours but cannot change them.
        var officer = await app.LoginAsync("quangloc.tiepnhan");
        var refused = await officer.PostAsync("/can-bo/gio-lam-viec", await AppFixture.FormAsync(officer, "/can-bo/gio-lam-viec", new()
        {
            ["Input.MorningStart"] = "08:00", ["Input.MorningEnd"] = "11:30", ["Input.AfternoonStart"] = "13:30",
            ["Input.AfternoonEnd"] = "16:30", ["Input.SameDayCutoff"] = "15:00", ["Input.Version"] = "1",
        }));
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        await using var db = app.OpenDb();
        Assert.Equal(new TimeOnly(7, 30), (await db.OfficeHours.SingleAsync(h => h.UnitId == db.Units.Single(u => u.Code == "16060").Id)).MorningStart);
    }
}

public sealed class CalendarApiTestsSqlite(SqliteApp app) : CalendarApiTests<SqliteApp>(app);
public sealed class CalendarApiTestsPostgres(PostgresApp app) : CalendarApiTests<PostgresApp>(app);
