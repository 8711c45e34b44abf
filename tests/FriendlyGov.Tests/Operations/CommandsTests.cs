using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using FriendlyGov.Web.Features.Operations;
using FriendlyGov.Core.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The operator commands on real databases. They compose the app as the web host does, so they run apart from
/// the tests that host it (the test host intercepts host building in its process).
/// </summary>
[CollectionDefinition(nameof(CommandsCollection), DisableParallelization = true)]
public sealed class CommandsCollection;

[Collection(nameof(CommandsCollection))]
public abstract class CommandsTests(string provider) : IAsyncLifetime
{
    private readonly TestDatabase _db = TestDatabase.Create(provider);
    private readonly string _out = Directory.CreateTempSubdirectory("fg-cmd-").FullName;
    private static readonly string AuditKeyBase64 = FriendlyGov.Core.Domain.AuditKey.NewBase64();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    private Task<(int Code, string Output)> Run(params string[] args) => RunIn("Testing", args);

    /// <summary>A command as an operator runs it, in the given environment (the test suite's own, Testing, unless said).</summary>
    private async Task<(int Code, string Output)> RunIn(string environment, params string[] args)
    {
        var output = new StringWriter();
        string[] config = [$"--environment={environment}", $"--ConnectionStrings:Default={_db.ConnectionString}", $"--Database:Provider={_db.Provider}",
            $"--DataProtection:KeysPath={Path.Combine(_out, "keys")}", "--Logging:LogLevel:Default=Warning", $"--Audit:Key={AuditKeyBase64}"];
        var code = await OperatorCommands.RunAsync([.. args, .. config], output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Each_command_explains_itself()
    {
        foreach (var command in new[] { "migrate", "seed-demo", "create-admin", "verify-audit", "backup" })
        {
            var (code, output) = await Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("Usage:", output);
        }
        var help = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(["--help"], help));
        Assert.Contains("verify-audit", help.ToString());
    }

    [Fact]
    public async Task Migrate_seed_admin_verify_and_backup_work_on_a_fresh_database_and_tampering_is_caught()
    {
        Assert.Equal(0, (await Run("migrate")).Code);
        // The demo (a shared password, a published Open311 key) is refused in Production, and nothing is added.
        var refused = await RunIn("Production", "seed-demo");
        Assert.Equal(2, refused.Code);
        Assert.Contains("only for Development", refused.Output);
        var seed = await Run("seed-demo");
        Assert.Equal(0, seed.Code);
        Assert.Contains("Demo data added", seed.Output);
        Assert.Contains("already has units", (await Run("seed-demo")).Output);

        var weak = await Run("create-admin", "--user", "admin2", "--password", "short");
        Assert.Equal(2, weak.Code);
        Assert.Contains("ít nhất 10 ký tự", weak.Output);
        Assert.Contains("demo's published password", (await Run("create-admin", "--user", "admin3", "--password", DemoSeeder.Password)).Output);
        Assert.Equal(0, (await Run("create-admin", "--user", "admin2", "--password", "Quan.Tri2025!", "--name", "Quản trị viên")).Code);
        Assert.Equal(2, (await Run("create-admin", "--user", "chiengsinh.lanhdao", "--password", "Quan.Tri2025!")).Code);

        var verified = await Run("verify-audit");
        Assert.Equal(0, verified.Code);
        Assert.Matches(@"intact: \d{2,} entries", verified.Output);

        var backup = Path.Combine(_out, provider == "Postgres" ? "fg.dump" : "fg.db");
        var b = await Run("backup", "--out", backup);
        Assert.True(b.Code == 0, b.Output);
        Assert.True(new FileInfo(backup).Length > 10_000);
        if (provider == "Sqlite")
        {
            await using var copy = new SqliteConnection($"Data Source={backup};Pooling=false");
            await copy.OpenAsync();
            await using var count = new SqliteCommand("SELECT COUNT(*) FROM \"Units\"", copy);
            Assert.True((long)(await count.ExecuteScalarAsync())! > 20);
        }

        // Someone with direct database access rewrites one entry: the chain shows it.
        await Tamper();
        var broken = await Run("verify-audit");
        Assert.Equal(1, broken.Code);
        Assert.Contains("Chuỗi hệ thống, mục 5: content does not match its seal", broken.Output);
    }

    // The attacker with database write access but without the audit key: triggers off, rows rewritten at will.
    private System.Data.Common.DbConnection Connect() => provider == "Postgres"
        ? new NpgsqlConnection(_db.ConnectionString) : new SqliteConnection(_db.ConnectionString + ";Pooling=false");

    private async Task<List<object?[]>> Sql(string sql, params object?[] args)
    {
        await using var c = Connect();
        await c.OpenAsync();
        await using (var off = c.CreateCommand())
        {
            off.CommandText = provider == "Postgres" ? "SET session_replication_role = replica"
                : "DROP TRIGGER IF EXISTS \"AuditEntries_no_update\"; DROP TRIGGER IF EXISTS \"AuditEntries_no_delete\"; " +
                  "DROP TRIGGER IF EXISTS \"AuditCheckpoints_no_update\"; DROP TRIGGER IF EXISTS \"AuditCheckpoints_no_delete\";";
            await off.ExecuteNonQueryAsync();
        }
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i;
            p.Value = args[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        var rows = new List<object?[]>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private async Task<int> UnitId(string code) => Convert.ToInt32((await Sql("SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = @p0", code))[0][0]);

    private async Task<List<AuditRecord>> ChainRows(int chain) => (await Sql(
        "SELECT \"Chain\", \"Seq\", \"UnitId\", \"At\", \"UserId\", \"UserName\", \"Action\", \"Entity\", \"EntityId\", \"Changes\", \"PrevHash\", \"Hash\" " +
        "FROM \"AuditEntries\" WHERE \"Chain\" = @p0 ORDER BY \"Seq\"", chain))
        .Select(r => new AuditRecord(Convert.ToInt32(r[0]), Convert.ToInt64(r[1]), r[2] is null ? null : Convert.ToInt32(r[2]),
            (r[3] is DateTime d ? d : DateTime.Parse((string)r[3]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)).Ticks,
            (string?)r[4], (string?)r[5], (string)r[6]!, (string)r[7]!, (string)r[8]!, (string)r[9]!, (string)r[10]!, (string)r[11]!)).ToList();

    [Fact]
    public async Task The_nightly_job_signs_a_checkpoint_verifies_every_chain_and_records_a_break_for_the_desk()
    {
        Assert.Equal(0, (await Run("seed-demo")).Code);
        await using var app = FriendlyGov.Web.WebApp.Create(["--environment=Testing", $"--ConnectionStrings:Default={_db.ConnectionString}", $"--Database:Provider={_db.Provider}",
            $"--DataProtection:KeysPath={Path.Combine(_out, "keys")}", "--Logging:LogLevel:Default=Critical", $"--Audit:Key={AuditKeyBase64}",
            "--Database:MigrateOnStartup=false"]);
        var watch = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<FriendlyGov.Web.Features.Audit.AuditWatch>().Single();
        await watch.RunAsync("nightly", checkpoint: true, default);
        var checks = await Sql("SELECT \"Intact\", \"Trigger\" FROM \"AuditChecks\" ORDER BY \"Id\"");
        Assert.True(Convert.ToBoolean(checks[^1][0]));
        Assert.Equal("nightly", checks[^1][1]);
        Assert.Equal("daily", (await Sql("SELECT \"Trigger\" FROM \"AuditCheckpoints\" ORDER BY \"Seq\" DESC"))[0][0]);

        var quangLoc = await UnitId("16060");
        await Sql("UPDATE \"AuditEntries\" SET \"UserName\" = 'kẻ sửa' WHERE \"Chain\" = @p0 AND \"Seq\" = 1", quangLoc);
        await watch.RunAsync("nightly", checkpoint: false, default);
        var failed = await Sql("SELECT \"Intact\", \"BrokenChain\", \"BrokenSeq\", \"Reason\" FROM \"AuditChecks\" ORDER BY \"Id\" DESC");
        Assert.False(Convert.ToBoolean(failed[0][0]));
        Assert.Equal(quangLoc, Convert.ToInt32(failed[0][1]));
        Assert.Equal(1L, Convert.ToInt64(failed[0][2]));
        Assert.Contains("16060", (string)failed[0][3]!);
    }

    [Fact]
    public async Task Production_refuses_to_start_while_the_demo_key_or_a_demo_password_is_still_there()
    {
        Assert.Equal(0, (await Run("seed-demo")).Code);
        await using var app = FriendlyGov.Web.WebApp.Create([$"--environment=Production", $"--ConnectionStrings:Default={_db.ConnectionString}",
            $"--Database:Provider={_db.Provider}", "--Database:MigrateOnStartup=false", "--DataProtection:Unused=true", $"--Audit:Key={AuditKeyBase64}",
            "--Logging:LogLevel:Default=Warning"]);
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => DemoGuard.RefuseKnownSecretsAsync(app.Services, app.Environment));
        Assert.Contains("demo-open311-key", refusal.Message);
        Assert.Contains("quantri still has the demo password", refusal.Message);
        // Once the administrator changed it and the demo partner is off, only what is left is named.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var admin = (await users.FindByNameAsync("quantri"))!;
            Assert.True((await users.ChangePasswordAsync(admin, DemoSeeder.Password, "Mat.Khau.Rieng2026!")).Succeeded);
        }
        var left = await Assert.ThrowsAsync<InvalidOperationException>(() => DemoGuard.RefuseKnownSecretsAsync(app.Services, app.Environment));
        Assert.DoesNotContain("quantri", left.Message);
    }

    [Fact]
    public async Task Production_refuses_to_serve_links_built_from_a_forgeable_host_header()
    {
        string[] production = [$"--environment=Production", $"--ConnectionStrings:Default={_db.ConnectionString}", $"--Database:Provider={_db.Provider}",
            "--Database:MigrateOnStartup=false", "--DataProtection:Unused=true", $"--Audit:Key={AuditKeyBase64}", "--Logging:LogLevel:Default=Warning",
            "--urls=http://127.0.0.1:0"];
        await using (var app = FriendlyGov.Web.WebApp.Create(production))
        {
            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
            Assert.Contains("App:PublicBaseUrl", refusal.Message);
        }
        // Either a public address or the forwarded names satisfy it (the next refusal is the demo guard's, further on).
        foreach (var setting in new[] { "--App:PublicBaseUrl=https://dichvucong.example.gov.vn", "--Proxy:AllowedHosts:0=dichvucong.example.gov.vn" })
        {
            var app = FriendlyGov.Web.WebApp.Create([.. production, setting]);
            FriendlyGov.Web.Shared.Deployment.RefuseHeaderBuiltLinks(app.Configuration, app.Environment);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outside_development_migrate_refuses_to_start_without_an_audit_key()
    {
        var output = new StringWriter();
        var code = await OperatorCommands.RunAsync(["migrate", $"--ConnectionStrings:Default={_db.ConnectionString}", $"--Database:Provider={_db.Provider}",
            $"--DataProtection:KeysPath={Path.Combine(_out, "keys")}", "--Logging:LogLevel:Default=Warning"], output);
        Assert.Equal(2, code);
        Assert.Contains("No audit key", output.ToString());
        var tooShort = new StringWriter();
        Assert.Equal(2, await OperatorCommands.RunAsync(["migrate", $"--ConnectionStrings:Default={_db.ConnectionString}", $"--Database:Provider={_db.Provider}",
            "--Audit:Key=c2hvcnQ=", "--Logging:LogLevel:Default=Warning"], tooShort));
        Assert.Contains("at least 32 bytes", tooShort.ToString());
    }

    [Fact]
    public async Task A_tampered_value_a_recomputed_chain_a_deleted_tail_and_a_deleted_checkpoint_are_each_caught()
    {
        Assert.Equal(0, (await Run("seed-demo")).Code);
        Assert.Equal(0, (await Run("verify-audit")).Code);
        var file1 = Path.Combine(_out, "checkpoints-1.json");
        var cp = await Run("audit-checkpoint", "--out", file1);
        Assert.True(cp.Code == 0, cp.Output);
        Assert.Contains("\"signature\"", await File.ReadAllTextAsync(file1));

        // 1. A value changed in place: caught at that entry of that commune's chain; undone, the log is intact again.
        var chiengSinh = await UnitId("03298");
        var original = (await ChainRows(chiengSinh))[1];
        await Sql("UPDATE \"AuditEntries\" SET \"Changes\" = @p0 WHERE \"Chain\" = @p1 AND \"Seq\" = 2", original.Changes.Replace("\"", "'"), chiengSinh);
        var v1 = await Run("verify-audit");
        Assert.Equal(1, v1.Code);
        Assert.Contains("(03298), mục 2: content does not match its seal", v1.Output);
        Assert.Equal(1, (await Run("verify-audit", "--unit", "03298")).Code);
        Assert.Equal(0, (await Run("verify-audit", "--unit", "16060")).Code); // one unit's chain on its own
        await Sql("UPDATE \"AuditEntries\" SET \"Changes\" = @p0 WHERE \"Chain\" = @p1 AND \"Seq\" = 2", original.Changes, chiengSinh);
        Assert.Equal(0, (await Run("verify-audit")).Code);

        // 2. An entry rewritten and every later seal recomputed (and the head moved), without the key: caught at that entry.
        var quangLoc = await UnitId("16060");
        var rows = await ChainRows(quangLoc);
        var attackerKey = new AuditKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var prev = rows[1].Hash;
        for (var i = 2; i < rows.Count; i++)
        {
            var r = rows[i] with { PrevHash = prev, UserName = i == 2 ? "người khác" : rows[i].UserName };
            r = r with { Hash = AuditChain.ComputeHash(attackerKey, r) };
            await Sql("UPDATE \"AuditEntries\" SET \"UserName\" = @p0, \"PrevHash\" = @p1, \"Hash\" = @p2 WHERE \"Chain\" = @p3 AND \"Seq\" = @p4", r.UserName, r.PrevHash, r.Hash, quangLoc, r.Seq);
            prev = r.Hash;
        }
        await Sql("UPDATE \"AuditChainHeads\" SET \"Hash\" = @p0 WHERE \"Chain\" = @p1", prev, quangLoc);
        var v2 = await Run("verify-audit");
        Assert.Equal(1, v2.Code);
        Assert.Contains("(16060), mục 3: content does not match its seal", v2.Output);

        // 3. The last entries of a chain deleted and its head moved back to match: the signed checkpoint still holds the old end.
        var muongKhong = await UnitId("03284");
        var mk = await ChainRows(muongKhong);
        Assert.True(mk.Count >= 2);
        var keep = mk[^2];
        await Sql("DELETE FROM \"AuditEntries\" WHERE \"Chain\" = @p0 AND \"Seq\" > @p1", muongKhong, keep.Seq);
        await Sql("UPDATE \"AuditChainHeads\" SET \"Seq\" = @p0, \"Hash\" = @p1 WHERE \"Chain\" = @p2", keep.Seq, keep.Hash, muongKhong);
        var v3 = await Run("verify-audit");
        Assert.Equal(1, v3.Code);
        Assert.Contains($"(03284), mục {keep.Seq + 1}: checkpoint 1 recorded entry {mk[^1].Seq}, the chain ends at {keep.Seq} (tail cut off)", v3.Output);

        // 4. New entries, a second checkpoint exported; then the tail and the checkpoint that named it are both removed.
        var system = await ChainRows(0);
        Assert.Equal(0, (await Run("create-admin", "--user", "admin3", "--password", "Quan.Tri2025!")).Code);
        var file2 = Path.Combine(_out, "checkpoints-2.json");
        Assert.Equal(0, (await Run("audit-checkpoint", "--out", file2)).Code);
        await Sql("DELETE FROM \"AuditEntries\" WHERE \"Chain\" = 0 AND \"Seq\" > @p0", system[^1].Seq);
        await Sql("UPDATE \"AuditChainHeads\" SET \"Seq\" = @p0, \"Hash\" = @p1 WHERE \"Chain\" = 0", system[^1].Seq, system[^1].Hash);
        await Sql("DELETE FROM \"AuditCheckpoints\" WHERE \"Seq\" = 2");
        // From inside the database alone this last deletion is consistent (the limit docs/architecture.md states)...
        var inside = await Run("verify-audit");
        Assert.DoesNotContain("Chuỗi hệ thống", inside.Output);
        // ...the checkpoint file kept off the machine catches it.
        var v4 = await Run("verify-audit", "--checkpoints", file2);
        Assert.Equal(1, v4.Code);
        Assert.Contains("checkpoint 2 of the file was removed from the database", v4.Output);
        Assert.Contains("Chuỗi hệ thống", v4.Output);
        Assert.Contains("of the file recorded entry", v4.Output);
        Assert.Equal(2, (await Run("verify-audit", "--checkpoints", Path.Combine(_out, "missing.json"))).Code);
    }

    [Fact]
    public async Task The_one_time_reseal_fingerprints_old_personal_values_rechains_by_unit_and_records_the_old_head()
    {
        Assert.Equal(0, (await Run("seed-demo")).Code);
        // Make the log look as the previous version wrote it: one global chain of plain SHA-256, personal values in clear.
        var all = (await Sql("SELECT \"Id\" FROM \"AuditEntries\" ORDER BY \"Id\"")).Select(r => Convert.ToInt64(r[0])).ToList();
        var records = new List<(long Id, AuditRecord R)>();
        foreach (var chain in (await Sql("SELECT DISTINCT \"Chain\" FROM \"AuditEntries\"")).Select(r => Convert.ToInt32(r[0])))
            foreach (var r in await ChainRows(chain))
                records.Add((Convert.ToInt64((await Sql("SELECT \"Id\" FROM \"AuditEntries\" WHERE \"Chain\" = @p0 AND \"Seq\" = @p1", r.Chain, r.Seq))[0][0]), r));
        records = records.OrderBy(x => x.Id).ToList();
        await Sql("UPDATE \"AuditEntries\" SET \"Seq\" = -\"Id\"");
        var prev = AuditChain.Genesis;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i].R with { Chain = 0, Seq = i + 1, PrevHash = prev, Format = AuditChain.Legacy };
            if (i == 3) r = r with { Entity = "ApplicationUser", Changes = "{\"FullName\":\"Nguyễn Văn Cũ\",\"PhoneNumber\":\"0912999888\",\"JobTitle\":\"Công chức\"}", UserName = "0987654321" };
            r = r with { Hash = AuditChain.LegacyHash(r) };
            await Sql("UPDATE \"AuditEntries\" SET \"Chain\" = 0, \"Seq\" = @p0, \"PrevHash\" = @p1, \"Hash\" = @p2, \"Format\" = 1, \"Entity\" = @p3, \"Changes\" = @p4, \"UserName\" = @p5 WHERE \"Id\" = @p6",
                r.Seq, r.PrevHash, r.Hash, r.Entity, r.Changes, r.UserName, records[i].Id);
            prev = r.Hash;
        }
        await Sql("DELETE FROM \"AuditChainHeads\"");
        var legacyHead = prev;
        var before = await Run("verify-audit");
        Assert.Equal(1, before.Code);
        Assert.Contains("not resealed", before.Output);

        // An old chain that is already broken is not resealed (that would hide the break) unless the operator accepts it.
        await Sql("UPDATE \"AuditEntries\" SET \"Action\" = 'Deleted' WHERE \"Seq\" = 2 AND \"Format\" = 1");
        var refused = await Run("audit-reseal");
        Assert.Equal(1, refused.Code);
        Assert.Contains("already broken", refused.Output);
        await Sql("UPDATE \"AuditEntries\" SET \"Action\" = @p0 WHERE \"Seq\" = 2 AND \"Format\" = 1", records[1].R.Action);

        var reseal = await Run("audit-reseal");
        Assert.True(reseal.Code == 0, reseal.Output);
        Assert.Contains(legacyHead, reseal.Output);
        var after = await Run("verify-audit");
        Assert.True(after.Code == 0, after.Output);
        var changes = string.Join("\n", (await Sql("SELECT \"Changes\" FROM \"AuditEntries\"")).Select(r => (string)r[0]!));
        Assert.DoesNotContain("Nguyễn Văn Cũ", changes);
        Assert.DoesNotContain("0912999888", changes);
        Assert.Contains(AuditKey.FromBase64(AuditKeyBase64).Fingerprint("0912999888"), changes);
        Assert.Contains("Công chức", changes); // not personal: kept
        Assert.Empty(await Sql("SELECT 1 FROM \"AuditEntries\" WHERE \"UserName\" = '0987654321'"));
        var resealed = await Sql("SELECT \"Changes\" FROM \"AuditEntries\" WHERE \"Action\" = 'Resealed' AND \"Chain\" = 0");
        Assert.Contains(legacyHead, (string)Assert.Single(resealed)[0]!);
        Assert.True(Convert.ToInt32((await Sql("SELECT COUNT(DISTINCT \"Chain\") FROM \"AuditEntries\""))[0][0]) > 5); // back in units' chains
        Assert.Contains("Nothing to reseal", (await Run("audit-reseal")).Output); // one-time
        Assert.Equal(all.Count + 1, Convert.ToInt32((await Sql("SELECT COUNT(*) FROM \"AuditEntries\""))[0][0]));
    }

    private Task Tamper() => Sql("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else' WHERE \"Chain\" = 0 AND \"Seq\" = 5");
}

public sealed class CommandsTestsSqlite() : CommandsTests("Sqlite");
public sealed class CommandsTestsPostgres() : CommandsTests("Postgres");
