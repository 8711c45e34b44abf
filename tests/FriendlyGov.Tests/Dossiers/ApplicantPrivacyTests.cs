using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// An applicant's ID number, phone and address are read in full only by those whose work on the dossier needs them
/// (Decree 13/2023): the counter and the leaders, and a specialist once the dossier is theirs. Every other colleague of
/// the commune reads the dossier with them masked, on every page and through the API, and cannot find it by them.
/// </summary>
public abstract class ApplicantPrivacyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static List<string> Codes(string html) =>
        [.. Regex.Matches(html, "<td><a href=\"/can-bo/ho-so/([^\"/]+)\">").Select(m => m.Groups[1].Value)];

    private static async Task<JsonElement> GetAsync(HttpClient client, string code) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}");

    [Fact]
    public async Task A_specialist_reads_the_applicants_details_only_once_the_dossier_is_theirs()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var specialist = await app.LoginAsync("chiengsinh.chuyenvien");
        var (phone, citizenId, name) = ("09" + TestDossiers.Digits(8), "011197" + TestDossiers.Digits(6), "Lò Thị Pả " + TestDossiers.Digits(4));
        var (code, _) = await TestDossiers.ReceiveAsync(officer, applicant: name, phone: phone, citizenId: citizenId);

        // The counter and the leader read them in full.
        foreach (var who in new[] { officer, leader })
        {
            var d = await GetAsync(who, code);
            Assert.Equal((phone, citizenId, "Bản Lồng"), (d.GetProperty("phone").GetString(), d.GetProperty("citizenId").GetString(), d.GetProperty("address").GetString()));
        }

        // A specialist who has not been given it: the API, the dossier's page, its receipt, its control slip and the register.
        var masked = await GetAsync(specialist, code);
        Assert.Equal(Masking.Contact(phone), masked.GetProperty("phone").GetString());
        Assert.Equal(Masking.CitizenId(citizenId), masked.GetProperty("citizenId").GetString());
        Assert.Equal(PersonalData.Hidden, masked.GetProperty("address").GetString());
        Assert.Equal(name, masked.GetProperty("applicantName").GetString()); // whose dossier it is stays readable
        foreach (var path in new[] { $"/can-bo/ho-so/{code}", $"/can-bo/ho-so/{code}/phieu", $"/can-bo/ho-so/{code}/kiem-soat", $"/can-bo/so-theo-doi?q={Uri.EscapeDataString(name)}" })
        {
            var html = await specialist.GetStringAsync(path);
            Assert.Contains(code, html);
            Assert.DoesNotContain(phone, html);
            Assert.DoesNotContain(citizenId, html);
            Assert.DoesNotContain("Bản Lồng", html);
            Assert.Contains(Masking.Contact(phone), html);
        }
        Assert.Contains("Thông tin liên hệ của người nộp được ẩn", await specialist.GetStringAsync($"/can-bo/ho-so/{code}"));
        var export = await specialist.GetAsync($"/can-bo/so-theo-doi?handler=Export&q={Uri.EscapeDataString(name)}");
        var row = Assert.Single((await new MemoryStream(await export.Content.ReadAsByteArrayAsync()).QueryAsync<FriendlyGov.Web.Features.Dossiers.BookModel.Row>()).ToList());
        Assert.Equal((code, Masking.Contact(phone), PersonalData.Hidden), (row.Code, row.Phone, row.Address));
        // Nor does a number tell them whose dossier it is; the counter finds it by the same numbers.
        foreach (var number in new[] { phone, citizenId })
        {
            Assert.DoesNotContain(code, Codes(await specialist.GetStringAsync("/can-bo/ho-so?q=" + number)));
            Assert.Contains(code, Codes(await officer.GetStringAsync("/can-bo/ho-so?q=" + number)));
        }

        // The leader sends it for processing and gives it to this specialist: now their work needs the details.
        var version = (await GetAsync(leader, code)).GetProperty("version").GetInt32();
        (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", new { action = "StartProcessing", version })).EnsureSuccessStatusCode();
        string specialistId;
        await using (var db = app.OpenDb()) specialistId = await db.Users.Where(u => u.UserName == "chiengsinh.chuyenvien").Select(u => u.Id).SingleAsync();
        if ((await GetAsync(leader, code)).GetProperty("assigneeId").GetString() != specialistId)
            (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/assignee", new { assigneeId = specialistId, version = version + 1 })).EnsureSuccessStatusCode();
        var theirs = await GetAsync(specialist, code);
        Assert.Equal((phone, citizenId, "Bản Lồng"), (theirs.GetProperty("phone").GetString(), theirs.GetProperty("citizenId").GetString(), theirs.GetProperty("address").GetString()));
        var page = await specialist.GetStringAsync($"/can-bo/ho-so/{code}");
        Assert.Contains(phone, page);
        Assert.Contains(citizenId, page);
        Assert.DoesNotContain("Thông tin liên hệ của người nộp được ẩn", page);
        Assert.Contains(code, Codes(await specialist.GetStringAsync("/can-bo/ho-so?q=" + phone)));
        Assert.Contains(phone, await specialist.GetStringAsync($"/can-bo/so-theo-doi?q={Uri.EscapeDataString(name)}"));

        // Having handed it on to the leader, they still answer for what they did: the details stay readable to them.
        await TestDossiers.ActAsync(specialist, code, "HandOver", note: "Đủ điều kiện, trình ký");
        Assert.Equal(phone, (await GetAsync(specialist, code)).GetProperty("phone").GetString());
    }
}

public sealed class ApplicantPrivacyTestsSqlite(SqliteApp app) : ApplicantPrivacyTests<SqliteApp>(app);
public sealed class ApplicantPrivacyTestsPostgres(PostgresApp app) : ApplicantPrivacyTests<PostgresApp>(app);
