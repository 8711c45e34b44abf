using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FriendlyGov.Tests.Integration;

/// <summary>The dossiers tests build for themselves, received at Chiềng Sinh's counter through the API.</summary>
public static class TestDossiers
{
    /// <summary>Random digits, so each test's phone, ID number and name are its own.</summary>
    public static string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + Random.Shared.Next(10))));

    /// <summary>A dossier received in person with every document handed in: its code and its tracking key (the receipt's QR).</summary>
    public static async Task<(string Code, string Key)> ReceiveAsync(HttpClient officer, string procedure = "1.004873", string applicant = "Lường Thị Én",
        string phone = "0911222333", string commune = "03298", string citizenId = "011305004321")
    {
        var r = await officer.PostAsJsonAsync($"/api/v1/communes/{commune}/dossiers", new
        {
            procedureCode = procedure, applicantName = applicant, citizenId, phone, address = "Bản Lồng", received = new[] { 0, 1, 2, 3 },
        });
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        var d = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (d.GetProperty("code").GetString()!, d.GetProperty("trackingUrl").GetString()!.Split('/')[^1]);
    }

    /// <summary>One step of the dossier's processing through the API, at its current version; fails the test when refused.</summary>
    public static async Task ActAsync(HttpClient client, string code, string action, string? note = null, string? receivedBy = null, string? idempotencyKey = null)
    {
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dossiers/{code}/actions") { Content = JsonContent.Create(new { action, note, receivedBy, version }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var r = await client.SendAsync(request);
        Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }
}
