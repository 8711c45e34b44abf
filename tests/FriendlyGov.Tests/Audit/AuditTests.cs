using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

public abstract class AuditTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task A_change_records_who_when_which_unit_and_the_values_before_and_after()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var before = DateTime.UtcNow.AddSeconds(-1);
        var address = "Bản Hới Nọ, xã Chiềng Sinh " + Guid.NewGuid().ToString("N")[..6];
        (await leader.PutAsJsonAsync("/api/v1/communes/03298/profile", new { address, phone = "0215 3862 100" })).EnsureSuccessStatusCode();

        await using var db = app.OpenDb();
        var unitId = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        var entry = await db.AuditEntries.Where(a => a.Entity == nameof(CommuneProfile) && a.Changes.Contains(address)).SingleAsync();
        Assert.Equal("chiengsinh.lanhdao", entry.UserName);
        Assert.NotNull(entry.UserId);
        Assert.Equal(unitId, entry.UnitId);
        Assert.Equal("Modified", entry.Action);
        Assert.Equal(unitId.ToString(), entry.EntityId);
        Assert.True(entry.At >= before && entry.At <= DateTime.UtcNow.AddSeconds(1));
        var changes = JsonDocument.Parse(entry.Changes).RootElement;
        var addressChange = changes.GetProperty("Address").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal("Bản Chiềng Sinh, xã Chiềng Sinh, tỉnh Điện Biên", addressChange[0]);
        Assert.Equal(address, addressChange[1]);
        Assert.False(changes.TryGetProperty("Email", out _)); // only what changed
    }

    [Fact]
    public async Task Password_hashes_never_reach_the_log()
    {
        await using var db = app.OpenDb();
        var userEntries = await db.AuditEntries.Where(a => a.Entity == nameof(ApplicationUser)).Select(a => a.Changes).ToListAsync();
        Assert.NotEmpty(userEntries);
        Assert.All(userEntries, c => Assert.DoesNotContain("AQAAAA", c)); // Identity v3 hash prefix
        Assert.Contains(userEntries, c => c.Contains("\"PasswordHash\":\"***\""));
    }

    [Fact]
    public async Task Concurrent_writers_extend_one_unbroken_chain()
    {
        await using (var db = app.OpenDb())
        {
            var unitId = await db.Units.Where(u => u.Code == "16060").Select(u => u.Id).SingleAsync();
            await Parallel.ForAsync(0, 12, async (i, ct) =>
            {
                await using var ctx = app.OpenDb();
                ctx.UnitEvents.Add(new UnitEvent { UnitId = unitId, Kind = UnitEventKind.Renamed, Effective = new(2030, 1, 1), OldName = "a" + i, NewName = "b" + i, RecordedAt = DateTime.UtcNow });
                ctx.UnitEvents.Add(new UnitEvent { UnitId = unitId, Kind = UnitEventKind.Renamed, Effective = new(2030, 1, 2), OldName = "c" + i, NewName = "d" + i, RecordedAt = DateTime.UtcNow });
                await ctx.SaveChangesAsync(ct);
            });
        }
        await using var check = app.OpenDb();
        var quangLoc = await check.Units.Where(u => u.Code == "16060").Select(u => u.Id).SingleAsync();
        var result = await AuditSeals.VerifyAsync(check, quangLoc);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        Assert.Equal(result.Entries, await check.AuditEntries.Where(a => a.Chain == quangLoc).MaxAsync(a => a.Seq));
        Assert.Equal((await check.AuditChainHeads.SingleAsync(h => h.Chain == quangLoc)).Seq, result.Entries);
        Assert.Equal(24, await check.AuditEntries.CountAsync(a => a.Entity == nameof(UnitEvent) && a.Changes.Contains("2030-01-0")));
    }

    [Fact]
    public async Task The_log_refuses_updates_through_the_application_and_in_the_database()
    {
        await using var db = app.OpenDb();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync();
        entry.UserName = "kẻ sửa nhật ký";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using var raw = app.OpenDb();
        var ex = await Record.ExceptionAsync(() => raw.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"Id\" = {0}", entry.Id));
        Assert.NotNull(ex);
        Assert.Contains("append-only", ex.ToString());
        var deleteEx = await Record.ExceptionAsync(() => raw.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", entry.Id));
        Assert.NotNull(deleteEx);
        Assert.Equal(1, await raw.AuditEntries.CountAsync(a => a.Id == entry.Id));
        var checkpoint = await AuditSeals.CheckpointAsync(raw, "on-demand", DateTime.UtcNow);
        Assert.NotNull(await Record.ExceptionAsync(() => raw.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditCheckpoints\" WHERE \"Id\" = {0}", checkpoint.Id)));
        Assert.Equal(1, await raw.AuditCheckpoints.CountAsync(c => c.Id == checkpoint.Id));
    }

    [Fact]
    public async Task Administrator_filters_the_log_by_unit_user_entity_and_date()
    {
        var admin = await app.LoginAsync("quantri");
        var byUnit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?unit=16060&entity=ApplicationUser");
        Assert.True(byUnit.GetProperty("total").GetInt32() >= 3); // the three demo staff of Quang Lộc
        Assert.All(byUnit.GetProperty("rows").EnumerateArray(), r =>
        {
            Assert.Equal("16060", r.GetProperty("unitCode").GetString());
            Assert.Equal("ApplicationUser", r.GetProperty("entity").GetString());
        });
        var future = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?from=2099-01-01");
        Assert.Equal(0, future.GetProperty("total").GetInt32());
        var page = await admin.GetStringAsync("/nhat-ky?Entity=ApplicationUser&Unit=16060");
        // Staff names are personal data too (citizens are accounts as well): the page shows their fingerprints, never the names.
        Assert.DoesNotContain("Nguyễn Thị Lan", page);
        Assert.Contains(app.AuditKey.Fingerprint("Nguyễn Thị Lan"), page);
        Assert.DoesNotContain(app.AuditKey.Fingerprint("Lò Thị Hoa"), page);
    }
}

public sealed class AuditTestsSqlite(SqliteApp app) : AuditTests<SqliteApp>(app);
public sealed class AuditTestsPostgres(PostgresApp app) : AuditTests<PostgresApp>(app);
