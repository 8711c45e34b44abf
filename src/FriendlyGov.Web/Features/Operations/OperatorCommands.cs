using System.Diagnostics;
using System.Text.Json;
using FriendlyGov.Core.Domain;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Features.Accounts;
using FriendlyGov.Web.Features.Audit;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FriendlyGov.Web.Features.Operations;

/// <summary>
/// Operator commands on the same program and configuration as the web app:
/// `dotnet run --project src/FriendlyGov.Web -- migrate` (or the published FriendlyGov.Web binary).
/// </summary>
public static class OperatorCommands
{
    private sealed record Command(string Name, string Summary, string Usage, Func<IServiceProvider, Dictionary<string, string>, TextWriter, Task<int>> Run);

    private static readonly Command[] Commands =
    [
        new("migrate", "Apply the database migrations (SQLite or PostgreSQL, per configuration).", "migrate",
            async (sp, _, o) => { await using var db = Database.OpenSystemContext(sp, "migrate"); await Database.MigrateAsync(db, default);
                await ReferenceData.EnsureAsync(sp, db); await o.WriteLineAsync("Database is up to date."); return 0; }),
        new("seed-demo", "Migrate, then add the demo provinces, communes and accounts to an empty database.", "seed-demo",
            async (sp, _, o) =>
            {
                if (!DemoGuard.MaySeed(sp.GetRequiredService<IHostEnvironment>()))
                {
                    await o.WriteLineAsync(DemoGuard.SeedRefusal(sp.GetRequiredService<IHostEnvironment>()));
                    return 2;
                }
                await using var db = Database.OpenSystemContext(sp, "seed-demo");
                await Database.MigrateAsync(db, default);
                await ReferenceData.EnsureAsync(sp, db);
                if (await db.Units.AnyAsync()) { await o.WriteLineAsync("The database already has units; demo data not added."); return 0; }
                await DemoSeeder.SeedAsync(sp);
                await o.WriteLineAsync($"Demo data added. Demo accounts use the password {DemoSeeder.Password}.");
                return 0;
            }),
        new("add-partner-app", "Register a partner app for Open311 and print its api_key (shown once; only its hash is kept).",
            "add-partner-app --name \"App name\" [--contact \"who to call\"]",
            async (sp, args, o) =>
            {
                if (!args.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name)) { await o.WriteLineAsync("--name is required."); return 2; }
                await using var db = Database.OpenSystemContext(sp, "add-partner-app");
                var (app, key) = await new Features.Petitions.PartnerApps(db, sp.GetService<TimeProvider>() ?? TimeProvider.System)
                    .RegisterAsync(name, args.GetValueOrDefault("contact"));
                await o.WriteLineAsync($"Partner app {app.Id} “{app.Name}” registered. api_key: {key}");
                return 0;
            }),
        new("create-admin", "Create a system administrator, or reset the password of an existing one.",
            "create-admin --user NAME [--name \"Full name\"] [--password PASSWORD]   (or the FG_ADMIN_PASSWORD variable)", CreateAdminAsync),
        new("verify-audit", "Verify every unit's audit chain (or one unit's), its head and the signed checkpoints; exit code 1 if anything was altered, removed or cut off.",
            "verify-audit [--unit CODE] [--checkpoints FILE]   (FILE: written earlier by audit-checkpoint --out and kept off this machine)", VerifyAuditAsync),
        new("audit-checkpoint", "Sign a checkpoint of every chain's head now and export all checkpoints to a file to keep off the machine.",
            "audit-checkpoint --out FILE", CheckpointAsync),
        new("audit-reseal", "One-time: reseal entries written before keyed per-unit chains (personal values fingerprinted, old head recorded).",
            "audit-reseal [--accept-broken yes]", ResealAsync),
        new("rebuild-figures", "Rebuild the figures the dashboards read (every unit's, or one unit's): satisfaction from the ratings and dossiers, petitions from the petitions, households' visit counts from the visits.",
            "rebuild-figures [--unit CODE]", (sp, args, o) => FiguresAsync(sp, args, o, rebuild: true)),
        new("check-figures", "Compare the dashboards' figures (satisfaction, petitions, households' visit counts) with the facts they count; exit code 1 if any differs.",
            "check-figures [--unit CODE]", (sp, args, o) => FiguresAsync(sp, args, o, rebuild: false)),
        new("backup", "Back up the database: SQLite online backup to a file, or pg_dump (custom format) for PostgreSQL.",
            "backup --out PATH", BackupAsync),
    ];

    private static async Task<int> FiguresAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter o, bool rebuild)
    {
        await using var db = Database.OpenSystemContext(sp, rebuild ? "rebuild-figures" : "check-figures");
        int? unitId = null;
        if (options.TryGetValue("unit", out var code))
        {
            unitId = await db.Units.AsNoTracking().Where(u => u.Code == code.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync();
            if (unitId is null) { await o.WriteLineAsync($"No unit with the code {code}."); return 2; }
        }
        var calendars = new Features.Calendar.Calendars(db, sp.GetRequiredService<ReferenceCache>());
        if (rebuild)
        {
            var written = await Features.Satisfaction.SatisfactionFigures.RebuildAsync(db, calendars, unitId);
            await o.WriteLineAsync($"Satisfaction figures rebuilt from the facts: {written} buckets.");
            written = await Features.Petitions.PetitionFigureStore.RebuildAsync(db, unitId);
            await o.WriteLineAsync($"Petition figures rebuilt from the petitions: {written} buckets.");
            written = await Features.Democracy.HouseholdVisitCounts.RebuildAsync(db, unitId);
            await o.WriteLineAsync($"Household visit counts rebuilt from the visits: {written} households corrected.");
            return 0;
        }
        var rc = 0;
        foreach (var (name, drift) in new[]
        {
            ("Satisfaction figures", await Features.Satisfaction.SatisfactionFigures.DriftAsync(db, calendars, unitId)),
            ("Petition figures", await Features.Petitions.PetitionFigureStore.DriftAsync(db, unitId)),
            ("Household visit counts", await Features.Democracy.HouseholdVisitCounts.DriftAsync(db, unitId)),
        })
        {
            if (drift.Count == 0) { await o.WriteLineAsync($"{name} match the facts."); continue; }
            await o.WriteLineAsync($"{name} DIFFER from the facts ({drift.Count} buckets):");
            foreach (var d in drift.Take(50)) await o.WriteLineAsync("  " + d);
            rc = 1;
        }
        return rc;
    }

    public static bool IsCommand(string[] args) => args.Length > 0 && (Commands.Any(c => c.Name == args[0]) || args[0] is "help" or "--help" && args.Length == 1);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        var o = output ?? Console.Out;
        if (args[0] is "help" or "--help")
        {
            await o.WriteLineAsync("FriendlyGov operator commands:");
            foreach (var c in Commands) await o.WriteLineAsync($"  {c.Name,-14}{c.Summary}");
            return 0;
        }
        var command = Commands.First(c => c.Name == args[0]);
        var (options, rest) = Parse(args.Skip(1).ToArray());
        if (options.ContainsKey("help"))
        {
            await o.WriteLineAsync($"{command.Summary}\nUsage: {command.Usage}\nConfiguration comes from appsettings and environment variables " +
                "(ConnectionStrings__Default, Database__Provider), as for the web app.");
            return 0;
        }
        // The same composition as the web app, without starting the server.
        WebApplication app;
        try
        {
            app = WebApp.Create([.. rest, "--Database:MigrateOnStartup=false", "--Database:SeedDemo=false", "--DataProtection:Unused=true"]);
        }
        catch (InvalidOperationException ex) // e.g. no audit key outside Development
        {
            await Console.Error.WriteLineAsync($"{command.Name} refused to start: {ex.Message}");
            await o.WriteLineAsync($"{command.Name} refused to start: {ex.Message}");
            return 2;
        }
        try
        {
            return await command.Run(app.Services, options, o);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"{command.Name} failed: {ex.Message}");
            return 2;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>--key value pairs for the command; --Section:Key=value configuration overrides pass through.</summary>
    private static (Dictionary<string, string> Options, List<string> Remaining) Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--") && (a.Contains(':') || a.Contains('='))) rest.Add(a);
            else if (a is "--help" or "-h") options["help"] = "";
            else if (a.StartsWith("--") && i + 1 < args.Length) options[a[2..]] = args[++i];
            else throw new ArgumentException($"Unexpected argument '{a}'. Use --help.");
        }
        return (options, rest);
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider root, Dictionary<string, string> options, TextWriter o)
    {
        if (!options.TryGetValue("user", out var userName) || string.IsNullOrWhiteSpace(userName))
        {
            await o.WriteLineAsync("--user is required. Usage: create-admin --user NAME [--name \"Full name\"] [--password PASSWORD]");
            return 2;
        }
        var password = options.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("FG_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await o.WriteLineAsync("Give --password or set FG_ADMIN_PASSWORD.");
            return 2;
        }
        if (password == DemoSeeder.Password)
        {
            await o.WriteLineAsync("That is the demo's published password; choose another.");
            return 2;
        }
        await AccountsSetup.EnsureRolesAsync(root);
        await using var scope = root.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync(userName);
        IdentityResult result;
        if (user is null)
        {
            user = new ApplicationUser { UserName = userName, FullName = options.GetValueOrDefault("name") ?? "Quản trị hệ thống", CreatedAt = DateTime.UtcNow };
            result = await users.CreateAsync(user, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Admin);
        }
        else
        {
            if (!await users.IsInRoleAsync(user, Roles.Admin))
            {
                await o.WriteLineAsync($"'{userName}' exists and is not an administrator; choose another name.");
                return 2;
            }
            result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
            if (result.Succeeded) await users.SetLockoutEndDateAsync(user, null);
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await o.WriteLineAsync(e.Description);
            return 2;
        }
        await o.WriteLineAsync($"Administrator '{userName}' is ready.");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter o)
    {
        CheckpointExport? file = null;
        if (options.TryGetValue("checkpoints", out var path))
        {
            try
            {
                file = JsonSerializer.Deserialize<CheckpointExport>(await File.ReadAllTextAsync(path), ExportJson);
            }
            catch (JsonException ex)
            {
                await o.WriteLineAsync($"{path} is not a checkpoint file written by audit-checkpoint: {ex.Message}");
                return 2;
            }
            if (file is null || file.Format != CheckpointExport.CurrentFormat) { await o.WriteLineAsync($"{path} is not a checkpoint file written by audit-checkpoint."); return 2; }
        }
        await using var db = Database.OpenSystemContext(sp, "verify-audit");
        var log = new AuditLog(db, new SystemScope(), sp.GetService<TimeProvider>() ?? TimeProvider.System);
        try
        {
            var (result, breaks) = await log.VerifyAndRecordAsync(options.GetValueOrDefault("unit"), "manual",
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("FriendlyGov.Audit"), file);
            if (result.Intact)
            {
                await o.WriteLineAsync($"Audit log intact: {result.Entries} entries in {result.Chains} chains verified" +
                    $"{(file is null ? "" : $", {file.Checkpoints.Count} checkpoints of {path} matched")}, {result.Checkpoints} checkpoints in the database.");
                return 0;
            }
            await o.WriteLineAsync($"Audit log BROKEN ({breaks.Count}):");
            foreach (var b in breaks) await o.WriteLineAsync("  " + b.Describe());
            return 1;
        }
        catch (UnknownUnitException ex)
        {
            await o.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    internal static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task<int> CheckpointAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter o)
    {
        if (!options.TryGetValue("out", out var outPath)) { await o.WriteLineAsync("--out FILE is required."); return 2; }
        outPath = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await using var db = Database.OpenSystemContext(sp, "audit-checkpoint");
        var now = (sp.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var c = await AuditSeals.CheckpointAsync(db, "on-demand", now);
        var export = await AuditSeals.ExportAsync(db, now);
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(export, ExportJson));
        await o.WriteLineAsync($"Checkpoint {c.Seq} signed ({CheckpointRecord.ParseHeads(c.Heads).Count} chains); {export.Checkpoints.Count} checkpoints written to {outPath}. Keep this file off the machine.");
        return 0;
    }

    private static async Task<int> ResealAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter o)
    {
        await using var db = Database.OpenSystemContext(sp, "audit-reseal");
        try
        {
            var entry = await AuditSeals.ResealLegacyAsync(db, "audit-reseal", DateTime.UtcNow, options.GetValueOrDefault("accept-broken") is "yes" or "true");
            if (entry is null) { await o.WriteLineAsync("Nothing to reseal: every entry is already sealed with the audit key."); return 0; }
            await AuditSeals.CheckpointAsync(db, "reseal", DateTime.UtcNow);
            await o.WriteLineAsync($"Audit log resealed: {entry.Changes}");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await o.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task<int> BackupAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter o)
    {
        if (!options.TryGetValue("out", out var outPath))
        {
            await o.WriteLineAsync("--out PATH is required.");
            return 2;
        }
        outPath = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await using var db = Database.OpenSystemContext(sp, "backup");
        var cs = db.Database.GetConnectionString()!;
        if (!db.IsPostgres)
        {
            // SQLite's online backup API: consistent while the app keeps serving.
            await using var source = new SqliteConnection(cs);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = outPath, Pooling = false }.ToString());
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            await o.WriteLineAsync($"SQLite backup written to {outPath}");
            return 0;
        }
        var b = new NpgsqlConnectionStringBuilder(cs);
        var psi = new ProcessStartInfo("pg_dump") { RedirectStandardError = true };
        foreach (var a in new[] { "--format=custom", "--no-owner", "--file", outPath, "--host", b.Host ?? "127.0.0.1", "--port", b.Port.ToString(),
                     "--username", b.Username ?? "postgres", "--dbname", b.Database ?? "postgres" }) psi.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(b.Password)) psi.Environment["PGPASSWORD"] = b.Password;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("pg_dump could not start");
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            await o.WriteLineAsync($"pg_dump failed: {err}");
            return 1;
        }
        await o.WriteLineAsync($"PostgreSQL backup (pg_dump custom format) written to {outPath}");
        return 0;
    }
}
