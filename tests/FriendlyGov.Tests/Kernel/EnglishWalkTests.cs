using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Every page, in English, as each kind of reader sees it: no Vietnamese interface text outside the data (names, procedures,
/// petitions: what people wrote or the state named). Printed legal forms are wholly Vietnamese by design and say so
/// (lang="vi"). The language does not depend on the database, so this walk runs on SQLite only.
/// </summary>
public sealed partial class EnglishWalkTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Commune = "03298";
    private static readonly string[] PrintedForms = ["/phieu", "/kiem-soat", "/niem-yet"];

    [GeneratedRegex("<(script|style)\\b[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Code();
    /// <summary>Text marked as Vietnamese on purpose (the language switch's "Tiếng Việt").</summary>
    [GeneratedRegex("<(\\w+)[^>]*\\slang=\"vi\"[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex MarkedVietnamese();
    [GeneratedRegex(">([^<]+)<")]
    private static partial Regex TextNode();
    [GeneratedRegex("\\s(?:alt|title|placeholder|aria-label)=\"([^\"]*)\"")]
    private static partial Regex ReadAttribute();

    private static bool HasVietnamese(string s) => s.Any(c => c > 0x7F && char.IsLetter(c));

    [Fact]
    public async Task Every_page_in_English_shows_no_Vietnamese_interface_text_and_printed_forms_are_wholly_Vietnamese()
    {
        var (values, skipped) = await RouteValuesAsync();
        var data = await DataAsync();
        var routes = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Select(d => d.AttributeRouteInfo?.Template).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        string[] readers = ["", "0987654321", "chiengsinh.tiepnhan", "chiengsinh.chuyenvien", "chiengsinh.lanhdao", "giamsat.dienbien", "quantri"];
        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var reader in readers)
        {
            var client = reader.Length == 0 ? app.Anonymous() : await app.LoginAsync(reader);
            await EnglishAsync(client);
            foreach (var template in routes)
            {
                if (Fill(template, values) is not { } path) { skipped.Add(template); continue; }
                if (path == "/dang-xuat") continue; // signing out would end the walk
                var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK) continue; // not this reader's page
                var html = await response.Content.ReadAsStringAsync();
                checkedPages++;
                if (PrintedForms.Any(path.EndsWith))
                {
                    if (!html.Contains("<html lang=\"vi\">")) failures.Add($"{reader} {path}: a printed form must be wholly Vietnamese (lang=\"vi\")");
                    continue;
                }
                if (!html.Contains("<html lang=\"en\">")) { failures.Add($"{reader} {path}: not rendered in English"); continue; }
                foreach (var text in Texts(html))
                    if (Interface(text, data) is { } left) failures.Add($"{reader} {path}: “{text.Trim()}” → “{left}”");
            }
        }
        Console.WriteLine($"English walk: {checkedPages} pages read; routes not walked (no value to fill): {string.Join(", ", skipped.Distinct())}");
        Assert.True(checkedPages > 100, $"only {checkedPages} pages were read");
        Assert.True(failures.Count == 0, $"{failures.Distinct().Count()} Vietnamese interface texts in English:\n" + string.Join("\n", failures.Distinct().Take(300)));
    }

    /// <summary>The text a reader sees or hears: text nodes and the attributes a screen reader reads.</summary>
    private static IEnumerable<string> Texts(string html)
    {
        html = MarkedVietnamese().Replace(Code().Replace(html, " "), " ");
        var body = html.IndexOf("<body", StringComparison.Ordinal) is var b and >= 0 ? html[b..] : html;
        var title = Regex.Match(html, "<title>([^<]*)</title>").Groups[1].Value;
        return TextNode().Matches(body).Select(m => m.Groups[1].Value).Concat(ReadAttribute().Matches(body).Select(m => m.Groups[1].Value)).Append(title)
            .Select(t => WebUtility.HtmlDecode(t) ?? "").Where(HasVietnamese);
    }

    /// <summary>What is left of a text once the data in it is taken out, when that still reads Vietnamese; else null.</summary>
    private static string? Interface(string text, (HashSet<string> Exact, List<string> Longest) data)
    {
        var t = text.Normalize().Trim();
        if (data.Exact.Contains(t)) return null;
        foreach (var d in data.Longest)
            if (d.Length <= t.Length && t.Contains(d, StringComparison.Ordinal)) t = t.Replace(d, " ", StringComparison.Ordinal);
        return HasVietnamese(t) ? Regex.Replace(t, "\\s+", " ").Trim() : null;
    }

    /// <summary>Every Vietnamese string the database holds (and the JSON strings inside its JSON columns), the units' full names and the holidays.</summary>
    private async Task<(HashSet<string>, List<string>)> DataAsync()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var db = app.OpenDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT DISTINCT \"{property.GetColumnName()}\" FROM \"{entity.GetTableName()}\" LIMIT 20000";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    if (!reader.IsDBNull(0)) Add(found, reader.GetString(0));
            }
        foreach (var u in await db.Units.IgnoreQueryFilters().AsNoTracking().ToListAsync())
        {
            found.Add(UnitTypes.FullName(u.Type, u.Name));
            found.Add(u.Name);
        }
        for (var year = 2024; year <= 2028; year++)
            foreach (var day in VietnamHolidays.For(year)) found.Add(day.Reason);
        var vietnamese = found.Select(s => s.Normalize().Trim()).Where(s => s.Length > 1 && HasVietnamese(s)).ToHashSet(StringComparer.Ordinal);
        return (vietnamese, [.. vietnamese.Where(s => s.Length <= 400).OrderByDescending(s => s.Length)]);
    }

    private static void Add(HashSet<string> found, string value)
    {
        var v = value.Trim();
        if (v.Length > 1 && v[0] is '[' or '{')
            try
            {
                using var json = JsonDocument.Parse(v);
                foreach (var s in Strings(json.RootElement)) Add(found, s);
                return;
            }
            catch (JsonException) { }
        found.Add(v);
        foreach (var line in v.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) found.Add(line);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    [Fact]
    public async Task The_notice_after_an_action_is_in_the_readers_language()
    {
        var client = app.Anonymous();
        await EnglishAsync(client);
        var phone = "09" + TestDossiers.Digits(8);
        var r = await client.PostAsync("/dang-ky", await AppFixture.FormAsync(client, "/dang-ky", new()
        {
            ["Input.FullName"] = "Lò Văn Tiếng Anh", ["Input.Phone"] = phone, ["Input.Password"] = "Mat-khau-2026",
            ["Input.ConfirmPassword"] = "Mat-khau-2026", ["Input.Consent"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var landed = await client.GetStringAsync(r.Headers.Location!.ToString());
        Assert.Contains("<p class=\"notice\" role=\"status\">Your account is created. Welcome!</p>", landed);
        Assert.DoesNotContain("Chào mừng bạn", landed);
    }

    [Fact]
    public async Task A_notice_with_a_value_is_in_the_readers_language_with_the_value_as_given()
    {
        var leader = await app.LoginAsync("quangloc.lanhdao");
        await EnglishAsync(leader);
        var userName = "cb" + TestDossiers.Digits(6);
        var r = await leader.PostAsync("/can-bo/nhan-su?handler=Create", await AppFixture.FormAsync(leader, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = "Đỗ Thị Anh Ngữ", ["Input.UserName"] = userName, ["Input.Role"] = Roles.CounterOfficer, ["Input.Password"] = "Can.Bo.Moi2025",
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var landed = await leader.GetStringAsync(r.Headers.Location!.ToString());
        Assert.Contains($"<p class=\"notice\" role=\"status\">Account {userName} is created.</p>", landed);
        Assert.DoesNotContain("Đã tạo tài khoản", landed);
        // Shown once: the next page has no notice.
        Assert.DoesNotContain("class=\"notice\"", await leader.GetStringAsync(r.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task A_refused_form_gives_its_reasons_in_the_readers_language()
    {
        var (_, phone) = await app.RegisterCitizenAsync("Người Đã Có Tài Khoản", "Mat-khau-2026");
        var client = app.Anonymous();
        await EnglishAsync(client);
        // A page's own check (the phone already has an account) beside its field.
        var r = await client.PostAsync("/dang-ky", await AppFixture.FormAsync(client, "/dang-ky", new()
        {
            ["Input.FullName"] = "Lò Văn Trùng", ["Input.Phone"] = phone, ["Input.Password"] = "Mat-khau-2026",
            ["Input.ConfirmPassword"] = "Mat-khau-2026", ["Input.Consent"] = "true",
        }));
        var html = await r.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Phone\"[^>]*>This phone number already has an account. Please sign in.<", html);
        Assert.DoesNotContain("đã có tài khoản", html);
        // The sign-in's one answer for every failure, in the summary.
        var login = await client.PostAsync("/dang-nhap", await AppFixture.FormAsync(client, "/dang-nhap", new()
        {
            ["Input.UserName"] = phone, ["Input.Password"] = "Sai-mat-khau-2026",
        }));
        var loginHtml = await login.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, login.StatusCode);
        Assert.Contains("The user name or password is wrong, or the account cannot sign in for now.", loginHtml);
        Assert.DoesNotContain("Tên đăng nhập hoặc mật khẩu không đúng", loginHtml);
    }

    private static async Task EnglishAsync(HttpClient client)
    {
        var form = await AppFixture.FormAsync(client, "/", new() { ["culture"] = "en", ["returnUrl"] = "/" });
        var r = await client.PostAsync("/ngon-ngu", form);
        Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{(int)r.StatusCode}");
        Assert.Contains("<html lang=\"en\">", await client.GetStringAsync("/"));
    }

    private static string? Fill(string template, Dictionary<string, string> values)
    {
        var path = "/" + template;
        foreach (Match m in Regex.Matches(template, "\\{([a-z]+)[^}]*\\}"))
        {
            var name = m.Groups[1].Value;
            var key = values.Keys.FirstOrDefault(k => k.Contains('|') ? template.StartsWith(k.Split('|')[0]) && k.Split('|')[1] == name : k == name);
            if (key is null) return null;
            path = path.Replace(m.Value, values[key]);
        }
        return path.Replace("//", "/");
    }

    /// <summary>The rows the walk needs, made here: a dossier, a petition, a posted disclosure and a consultation.</summary>
    private async Task<(Dictionary<string, string>, List<string>)> RouteValuesAsync()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var dossier = await (await officer.PostAsJsonAsync($"/api/v1/communes/{Commune}/dossiers", new
        {
            procedureCode = "1.004873", applicantName = "Hà Thị Mai", citizenId = "011305001234", phone = "0912000111", address = "Bản Lồng", received = new[] { 0, 1, 2, 3 },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var petition = await (await officer.PostAsJsonAsync($"/api/v1/communes/{Commune}/petitions", new
        {
            category = "giao-thong", title = "Đèn đường bản Lồng hỏng", content = "Ba cột đèn đường đầu bản Lồng không sáng.", senderName = "Lò Văn Tươi",
            senderPhone = "0977000222", channel = "Counter", consentPublish = true,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var disclosure = await (await leader.PostAsJsonAsync($"/api/v1/communes/{Commune}/disclosures", new
        {
            category = "Budget", title = "Dự toán ngân sách năm 2027", summary = "Dự toán thu, chi ngân sách xã năm 2027.",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var disclosureId = disclosure.GetProperty("id").GetInt32();
        (await leader.PostAsJsonAsync($"/api/v1/communes/{Commune}/disclosures/{disclosureId}/post", new { version = disclosure.GetProperty("version").GetInt32() })).EnsureSuccessStatusCode();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var consultation = await leader.PostAsJsonAsync($"/api/v1/communes/{Commune}/consultations", new
        {
            kind = "Other", title = "Dự thảo quy ước bản Lồng", content = "Lấy ý kiến nhân dân về dự thảo quy ước bản Lồng.",
            opensOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), closesOn = today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.True(consultation.IsSuccessStatusCode, await consultation.Content.ReadAsStringAsync());
        var values = new Dictionary<string, string>
        {
            ["xa/{code}|code"] = Commune, ["quan-tri/don-vi/{code}|code"] = Commune,
            ["can-bo/ho-so/{code}|code"] = dossier.GetProperty("code").GetString()!,
            ["can-bo/phan-anh/{code}|code"] = petition.GetProperty("code").GetString()!,
            ["tra-cuu/{key}|key"] = dossier.GetProperty("trackingUrl").GetString()!.Split('/')[^1],
            ["danh-gia/{key}|key"] = dossier.GetProperty("trackingUrl").GetString()!.Split('/')[^1],
            ["phan-anh/{key}|key"] = petition.GetProperty("trackingUrl").GetString()!.Split('/')[^1],
            ["xa/{code}/cong-khai/{id|id"] = disclosureId.ToString(CultureInfo.InvariantCulture),
            ["xa/{code}/gop-y/{id|id"] = (await consultation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["procedure"] = "1.004873", ["paper"] = "kiem-soat", ["loi/{code|code"] = "404",
        };
        return (values, []);
    }
}
