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
            var p = cmd.CreateParameter();
            p.ParameterName = "@k";
            p.Value = key;
            cmd.Parameters.Add(p);
            await using var reader = await cmd.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return Results.NotFound();
            return Results.Text($"{{\"code\":\"{reader.GetString(0)}\",\"status\":{reader.GetInt32(1)}}}", "application/json");
        }).ExcludeFromDescription();
}
