using System.Data.Common;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// The bare endpoint benchmarks compare against: the same indexed read as public tracking, through plain ADO.NET on the
/// app's own connection, written straight to the response. Mapped only with Bench:Enabled=true.
/// </summary>
public static class BenchBaseline
{
    public static void MapBenchBaseline(this IEndpointRouteBuilder app) =>
        app.MapGet("/bench/bare/{key}", async (AppDbContext db, string key, HttpContext http) =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using DbCommand cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT \"Code\", \"Status\" FROM \"Dossiers\" WHERE \"TrackingKey\" = @k";
            Add(cmd, "@k", key);
            await using var reader = await cmd.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return Results.NotFound();
            return Results.Text($"{{\"code\":\"{reader.GetString(0)}\",\"status\":{reader.GetInt32(1)}}}", "application/json");
        }).ExcludeFromDescription();

    /// <summary>
    /// The bare write intake is measured against: one dossier row and one history row (same columns and indexes as the
    /// counter's intake), in one transaction, through plain ADO.NET on the app's connection. No EF, no audit, no rules.
    /// </summary>
    public static void MapBenchInsertBaseline(this IEndpointRouteBuilder app) =>
        app.MapPost("/bench/bare-insert/{unit:int}", async (AppDbContext db, int unit) =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var now = DateTime.UtcNow;
            var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO "Dossiers" ("UnitId", "Code", "TrackingKey", "ProcedureId", "ProcedureCode", "ProcedureName", "Channel", "Status",
                    "ApplicantName", "CitizenId", "Phone", "Address", "ReceivedAt", "AppointedAt", "Version")
                SELECT @u, @c, @k, p."Id", p."Code", p."Name", 1, 2, 'Người Đo Tải', '038305012345', '0912000111', 'Thôn Trung', @at, @at, 0
                FROM "Procedures" p WHERE p."UnitId" = @u LIMIT 1
                RETURNING "Id"
                """;
            Add(cmd, "@u", unit); Add(cmd, "@c", "BARE-" + key); Add(cmd, "@k", key); Add(cmd, "@at", now);
            var id = Convert.ToInt32(await cmd.ExecuteScalarAsync());
            await using var step = connection.CreateCommand();
            step.Transaction = tx;
            step.CommandText = "INSERT INTO \"DossierSteps\" (\"UnitId\", \"DossierId\", \"At\", \"Action\", \"Status\", \"ByName\") VALUES (@u, @d, @at, 0, 2, 'bench')";
            Add(step, "@u", unit); Add(step, "@d", id); Add(step, "@at", now);
            await step.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            return Results.Text($"{{\"id\":{id}}}", "application/json", statusCode: StatusCodes.Status201Created);
        }).ExcludeFromDescription();

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
