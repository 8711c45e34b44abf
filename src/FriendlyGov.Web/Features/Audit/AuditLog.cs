using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Audit;

public sealed record AuditFilter(string? Unit, string? User, string? Entity, DateOnly? From, DateOnly? To, int Page = 1);

public sealed record AuditRow(long Seq, DateTime At, string? UnitCode, string? UserName, string Action, string Entity, string EntityId, string Changes);

/// <summary>Reading and verifying the audit log. Reads go through the tenant filter: a leader sees their commune's entries.</summary>
public sealed class AuditLog(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<(List<AuditRow> Rows, int Total)> SearchAsync(AuditFilter f)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Unit))
        {
            var unitId = await db.Units.Where(u => u.Code == f.Unit.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync() ?? -1;
            q = q.Where(a => a.UnitId == unitId);
        }
        if (!string.IsNullOrWhiteSpace(f.User)) q = q.Where(a => a.UserName == f.User.Trim());
        if (!string.IsNullOrWhiteSpace(f.Entity)) q = q.Where(a => a.Entity == f.Entity.Trim());
        if (f.From is DateOnly from) { var t = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7); q = q.Where(a => a.At >= t); }
        if (f.To is DateOnly to) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7); q = q.Where(a => a.At < t); }
        var total = await q.CountAsync();
        var page = Math.Max(1, f.Page);
        var rows = await q.OrderByDescending(a => a.Seq).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var unitIds = rows.Select(r => r.UnitId).OfType<int>().Distinct().ToList();
        var codes = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code);
        return (rows.Select(r => new AuditRow(r.Seq, r.At, r.UnitId is int u ? codes.GetValueOrDefault(u) : null, r.UserName,
            r.Action, r.Entity, r.EntityId, r.Changes)).ToList(), total);
    }

    public async Task<List<string>> EntitiesAsync() =>
        await db.AuditEntries.AsNoTracking().Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync();

    /// <summary>Walks the whole chain in order (every unit's entries: the chain is global).</summary>
    public static async Task<(long Checked, AuditBreak? Break)> VerifyAsync(AppDbContext db, CancellationToken ct = default)
    {
        long count = 0;
        var verifier = new AuditChain.Verifier();
        var records = db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable();
        await foreach (var e in records.WithCancellation(ct))
        {
            count++;
            if (verifier.Check(e.ToRecord()) is { } broken) return (count, broken);
        }
        return (count, null);
    }
}

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditLog>();

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (AuditLog log, string? unit, string? user, string? entity, DateOnly? from, DateOnly? to, int? page) =>
        {
            var (rows, total) = await log.SearchAsync(new AuditFilter(unit, user, entity, from, to, page ?? 1));
            return TypedResults.Ok(new { total, page = page ?? 1, pageSize = AuditLog.PageSize, rows });
        }).RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Audit");

        api.MapGet("/audit/verify", async (AppDbContext db, CancellationToken ct) =>
        {
            var (count, broken) = await AuditLog.VerifyAsync(db, ct);
            return TypedResults.Ok(new { entries = count, intact = broken is null, brokenAt = broken?.Seq, reason = broken?.Reason });
        }).RequireAuthorization(Policies.Admin).WithTags("Audit");
        return api;
    }
}
