using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>Issue 11 on both databases: per-unit chains, no personal data in the log, verification and its alarm.</summary>
public abstract class AuditTrustTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static readonly string Tag = Guid.NewGuid().ToString("N")[..6];

    private async Task<int> IdOf(HttpResponseMessage created)
    {
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        await using var db = app.OpenDb();
        return await db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
    }

    private static object Applicant(string name, string id, string phone, string address) => new
    {
        procedureCode = "1.001193", applicantName = name, citizenId = id, phone, address, decision = "Accept",
        received = new[] { 0, 1, 2, 3 }, missingDocuments = (string?)null, refusalReason = (string?)null,
    };

    [Fact]
    public async Task A_supervisor_reading_the_audit_of_a_new_dossier_and_household_finds_no_id_number_phone_address_or_name()
    {
        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var name = "Quàng Văn Kiểm " + Tag;
        var address = "Bản Phiêng Lơi " + Tag;
        var created = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant(name, "011095007788", "0912007788", address));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dossierId = await IdOf(created);

        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var project = await leader.PostAsJsonAsync("/api/v1/communes/03298/clearance", new { name = "Đường bản " + Tag, purpose = "Mở đường vào bản.", villages = "Củ" });
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        var projectId = (await project.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var head = "Lò Văn Hộ " + Tag;
        var household = await leader.PostAsJsonAsync($"/api/v1/communes/03298/clearance/{projectId}/households",
            new { headName = head, village = "Củ", affectedAreaM2 = 30, phone = "0977 123 456", assets = "Nhà sàn gỗ của " + head });
        Assert.Equal(HttpStatusCode.Created, household.StatusCode);

        var supervisor = await app.LoginAsync("giamsat.dienbien");
        var dossierAudit = await supervisor.GetStringAsync("/api/v1/audit?unit=03298&entity=Dossier");
        var householdAudit = await supervisor.GetStringAsync("/api/v1/audit?unit=03298&entity=AffectedHousehold");
        var stepAudit = await supervisor.GetStringAsync("/api/v1/audit?unit=03298&entity=DossierStep");
        Assert.Contains($"\"entityId\":\"{dossierId}\"", dossierAudit); // the supervisor does read the entries
        Assert.Contains("AffectedHousehold", householdAudit);
        foreach (var secret in new[] { "011095007788", "0912007788", address, name, head, "0977123456", "Nhà sàn gỗ" })
        {
            Assert.DoesNotContain(secret, dossierAudit);
            Assert.DoesNotContain(secret, householdAudit);
            Assert.DoesNotContain(secret, stepAudit);
        }
        // What remains answers "changed to the same value as X?": the keyed fingerprint of X.
        Assert.Contains(app.AuditKey.Fingerprint("011095007788"), dossierAudit);
        Assert.Contains(app.AuditKey.Fingerprint(head), householdAudit);

        // The administrator's inquiry computes the same fingerprint without reading any stored value.
        var admin = await app.LoginAsync("quantri");
        var fp = await (await admin.PostAsJsonAsync("/api/v1/audit/fingerprint", new { value = "011095007788" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(app.AuditKey.Fingerprint("011095007788"), fp.GetProperty("fingerprint").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/v1/audit/fingerprint", new { value = "x" })).StatusCode);
    }

    [Fact]
    public async Task An_intake_extends_only_its_communes_chain_once_with_the_dossier_and_its_first_step()
    {
        await using var db = app.OpenDb();
        var chiengSinh = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        var quangLoc = await db.Units.Where(u => u.Code == "16060").Select(u => u.Id).SingleAsync();
        long Head(AppDbContext c, int chain) => c.AuditChainHeads.AsNoTracking().Where(h => h.Chain == chain).Select(h => h.Seq).FirstOrDefault();
        var (csBefore, qlBefore) = (Head(db, chiengSinh), Head(db, quangLoc));

        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var created = await officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant("Lò Thị Chuỗi", "011095001111", "0912001111", "Bản Củ"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await IdOf(created)).ToString();

        await using var after = app.OpenDb();
        Assert.Equal(qlBefore, Head(after, quangLoc)); // another commune's chain is untouched
        var entries = await after.AuditEntries.Where(a => a.Chain == chiengSinh && a.Seq > csBefore).OrderBy(a => a.Seq).ToListAsync();
        Assert.Contains(entries, e => e.Entity == nameof(Dossier) && e.EntityId == id);
        Assert.Contains(entries, e => e.Entity == nameof(DossierStep) && e.Changes.Contains($"\"DossierId\":{id}"));
        // One extension: dossier and step entries carry the same instant and consecutive numbers.
        var mine = entries.Where(e => e.EntityId == id || e.Changes.Contains($"\"DossierId\":{id}")).ToList();
        Assert.Single(mine.Select(e => e.At).Distinct());
        Assert.Equal(mine.Count - 1, mine[^1].Seq - mine[0].Seq);
        Assert.True((await AuditSeals.VerifyAsync(after, chiengSinh)).Intact);
    }

    [Fact]
    public async Task A_long_transaction_in_one_commune_does_not_hold_up_another_communes_intake()
    {
        await using var db = app.OpenDb();
        var quangLoc = await db.Units.Where(u => u.Code == "16060").Select(u => u.Id).SingleAsync();
        // Quang Lộc's writer holds its chain head inside an open transaction.
        await using var tx = await db.Database.BeginTransactionAsync();
        db.UnitEvents.Add(new UnitEvent { UnitId = quangLoc, Kind = UnitEventKind.Renamed, Effective = new(2031, 1, 1), OldName = "x", NewName = "y", RecordedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();

        var officer = await app.LoginAsync("chiengsinh.tiepnhan");
        var intake = officer.PostAsJsonAsync("/api/v1/communes/03298/dossiers", Applicant("Lò Văn Song", "011095002222", "0912002222", "Bản Lồng"));
        if (app.Provider == "Postgres")
        {
            // Per-unit head rows: Chiềng Sinh's intake completes while Quang Lộc's transaction is still open.
            var done = await Task.WhenAny(intake, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.Same(intake, done);
            Assert.Equal(HttpStatusCode.Created, (await intake).StatusCode);
            // ...while a second writer of Quang Lộc does wait on its head.
            await using var other = app.OpenDb();
            other.UnitEvents.Add(new UnitEvent { UnitId = quangLoc, Kind = UnitEventKind.Renamed, Effective = new(2031, 1, 2), OldName = "y", NewName = "z", RecordedAt = DateTime.UtcNow });
            var blocked = other.SaveChangesAsync();
            Assert.NotSame(blocked, await Task.WhenAny(blocked, Task.Delay(TimeSpan.FromSeconds(1))));
            await tx.CommitAsync();
            await blocked;
        }
        else
        {
            // SQLite has one writer per database file: the second commune waits for the first transaction, then succeeds
            // on its own chain. Truly parallel communes need PostgreSQL (tested above); docs/architecture.md says so.
            await Task.Delay(300);
            await tx.CommitAsync();
            Assert.Equal(HttpStatusCode.Created, (await intake).StatusCode);
        }
        await using var check = app.OpenDb();
        var result = await AuditSeals.VerifyAsync(check, quangLoc);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
    }

    [Fact]
    public async Task A_failed_verification_is_logged_and_waits_on_the_administrators_and_the_provinces_desk_until_the_log_is_intact()
    {
        var admin = await app.LoginAsync("quantri");
        var supervisor = await app.LoginAsync("giamsat.thanhhoa");
        await using var db = app.OpenDb();
        // The alarm is what the last check found: record a failed check of Quang Lộc's chain as the nightly job would.
        var quangLoc = await db.Units.Where(u => u.Code == "16060").Select(u => u.Id).SingleAsync();
        db.AuditChecks.Add(new AuditCheck { At = DateTime.UtcNow, Trigger = "nightly", Intact = false, Entries = 10, Chains = 2, BrokenChain = quangLoc, BrokenSeq = 4, Reason = "Chuỗi của Quang Lộc (16060), mục 4: content does not match its seal" });
        await db.SaveChangesAsync();
        var adminDesk = await admin.GetStringAsync("/can-bo");
        Assert.Contains("Nhật ký bị sửa đổi", adminDesk);
        Assert.Contains("16060", adminDesk);
        Assert.Contains("Nhật ký bị sửa đổi", await supervisor.GetStringAsync("/can-bo"));
        Assert.DoesNotContain("Nhật ký bị sửa đổi", await (await app.LoginAsync("giamsat.dienbien")).GetStringAsync("/can-bo")); // not their province

        // An intact verification (the real one, through the API) clears it.
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.GetRawText());
        Assert.DoesNotContain("Nhật ký bị sửa đổi", await admin.GetStringAsync("/can-bo"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/audit/verify?unit=99999")).StatusCode);
    }

    [Fact]
    public async Task Checkpoints_are_published_to_supervisors_for_their_own_area_only()
    {
        var admin = await app.LoginAsync("quantri");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/audit/checkpoints", null)).StatusCode);
        var dienBien = await (await app.LoginAsync("giamsat.dienbien")).GetFromJsonAsync<JsonElement>("/api/v1/audit/checkpoints");
        var heads = dienBien[0].GetProperty("heads").EnumerateArray().Select(h => h.GetProperty("unitCode").GetString()).ToList();
        Assert.Contains("03298", heads);
        Assert.DoesNotContain("16060", heads);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LoginAsync("giamsat.dienbien")).PostAsync("/api/v1/audit/checkpoints", null)).StatusCode);
    }
}

public sealed class AuditTrustTestsSqlite(SqliteApp app) : AuditTrustTests<SqliteApp>(app);
public sealed class AuditTrustTestsPostgres(PostgresApp app) : AuditTrustTests<PostgresApp>(app);
