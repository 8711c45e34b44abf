using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Audit;

/// <summary>What to list: <see cref="Kind"/> "read" for the readings of citizens' records only, "change" for the changes only, else both.</summary>
public sealed record AuditFilter(string? Unit, string? User, string? Entity, DateOnly? From, DateOnly? To, int Page = 1, string? Kind = null);

/// <summary>One official's readings of citizens' records in a period: how many, and how many with the personal details in full.</summary>
public sealed record ReaderSummary(string? UserName, int Readings, int InFull);

public sealed record AuditRow(int Chain, long Seq, DateTime At, string? UnitCode, string? UserName, string Action, string Entity, string EntityId, string Changes);

/// <summary>A break as people read it: the unit (by code) whose chain broke, the entry, and why.</summary>
public sealed record AuditBreakView(int Chain, string? UnitCode, string? UnitName, long Seq, string Reason)
{
    public string Describe() => Chain switch
    {
        -1 => $"Điểm chốt số {Seq}: {Reason}",
        0 => $"Chuỗi hệ thống, mục {Seq}: {Reason}",
        _ => $"Chuỗi của {UnitName ?? "đơn vị"} ({UnitCode ?? Chain.ToString()}), mục {Seq}: {Reason}",
    };
}

public sealed record AuditCheckView(DateTime At, string Trigger, bool Intact, long Entries, int Chains, AuditBreakView? Break);

/// <summary>A published checkpoint: the heads of the chains the reader may see (a supervisor: their area's communes).</summary>
public sealed record CheckpointView(long Seq, DateTime At, string Trigger, string Signature, IReadOnlyList<CheckpointHeadView> Heads);
public sealed record CheckpointHeadView(int Chain, string? UnitCode, long Seq, string Hash);
/// <summary>A checkpoint just written on demand: the signed heads (JSON), chained to the previous checkpoint's signature.</summary>
public sealed record CheckpointCreatedDto(long Seq, DateTime At, string Trigger, string Heads, string PrevSignature, string Signature);

/// <summary>Reading and verifying the audit log. Reads go through the tenant filter: a leader sees their commune's entries.</summary>
public sealed class AuditLog(AppDbContext db, IUnitScope scope, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>An entry's action, in Vietnamese (the page translates it): a change, a reading of personal data, or the log's own reseal.</summary>
    public static string ActionName(string action) => action switch
    {
        "Added" => "Thêm mới",
        "Modified" => "Sửa đổi",
        "Deleted" => "Xóa bỏ",
        AppDbContext.ReadAction => "Xem",
        "Resealed" => "Niêm phong lại",
        _ => action,
    };

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
        if (f.Kind == "read") q = q.Where(a => a.Action == AppDbContext.ReadAction);
        else if (f.Kind == "change") q = q.Where(a => a.Action != AppDbContext.ReadAction);
        if (f.From is DateOnly from) { var t = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7); q = q.Where(a => a.At >= t); }
        if (f.To is DateOnly to) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7); q = q.Where(a => a.At < t); }
        var total = await q.CountAsync();
        var page = Math.Clamp(f.Page, 1, 100_000);
        var rows = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var codes = await CodesAsync(rows.Select(r => r.UnitId).OfType<int>());
        return (rows.Select(r => new AuditRow(r.Chain, r.Seq, r.At, r.UnitId is int u && codes.TryGetValue(u, out var c) ? c.Code : null, r.UserName,
            r.Action, r.Entity, r.EntityId, r.Changes)).ToList(), total);
    }

    /// <summary>
    /// Who read citizens' records in the reader's area over the last <paramref name="days"/> days, most readings in full first:
    /// the leader's way to notice an official reading far more than their work explains.
    /// </summary>
    public async Task<List<ReaderSummary>> ReadersAsync(int days = 7)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AppDbContext.ReadAction && a.At >= since)
            .GroupBy(a => a.UserName)
            .Select(g => new { g.Key, Readings = g.Count(), InFull = g.Count(a => a.Changes.Contains(ReadDetails.InFullJson)) })
            .ToListAsync();
        return [.. rows.Select(r => new ReaderSummary(r.Key, r.Readings, r.InFull)).OrderByDescending(r => r.InFull).ThenByDescending(r => r.Readings)];
    }

    public async Task<List<string>> EntitiesAsync() =>
        await db.AuditEntries.AsNoTracking().Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync();

    private async Task<Dictionary<int, (string Code, string Name)>> CodesAsync(IEnumerable<int> ids)
    {
        var list = ids.Distinct().ToList();
        return (await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => list.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync())
            .ToDictionary(u => u.Id, u => (u.Code, u.Name));
    }

    public async Task<List<AuditBreakView>> ViewAsync(IEnumerable<AuditBreak> breaks)
    {
        var list = breaks.ToList();
        var codes = await CodesAsync(list.Where(b => b.Chain > 0).Select(b => b.Chain));
        return list.Select(b => codes.TryGetValue(b.Chain, out var u)
            ? new AuditBreakView(b.Chain, u.Code, u.Name, b.Seq, b.Reason) : new AuditBreakView(b.Chain, null, null, b.Seq, b.Reason)).ToList();
    }

    /// <summary>Verifies every chain, or one unit's (by code), records the run, and logs a failure as an error.</summary>
    public async Task<(AuditVerification Result, List<AuditBreakView> Breaks)> VerifyAndRecordAsync(string? unitCode, string trigger,
        ILogger log, CheckpointExport? file = null, CancellationToken ct = default)
    {
        int? chain = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
            chain = await db.Units.IgnoreQueryFilters().Where(u => u.Code == unitCode.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                ?? throw new UnknownUnitException(unitCode.Trim());
        var result = await AuditSeals.VerifyAsync(db, chain, file, ct);
        var views = await ViewAsync(result.Breaks);
        var first = result.Breaks.FirstOrDefault();
        db.AuditChecks.Add(new AuditCheck
        {
            At = clock.GetUtcNow().UtcDateTime, Trigger = trigger, Intact = result.Intact, Entries = result.Entries, Chains = result.Chains,
            BrokenChain = first?.Chain, BrokenSeq = first?.Seq, Reason = views.FirstOrDefault()?.Describe() is { } d ? d[..Math.Min(d.Length, 500)] : null,
        });
        await db.SaveChangesAsync(ct);
        if (result.Intact)
            log.LogInformation("Audit log verified ({Trigger}): {Entries} entries in {Chains} chains, {Checkpoints} checkpoints, intact",
                trigger, result.Entries, result.Chains, result.Checkpoints);
        else
            foreach (var b in views)
                log.LogError("Audit log BROKEN ({Trigger}): {Break}", trigger, b.Describe());
        return (result, views);
    }

    /// <summary>The last failed verification not followed by an intact one, for the desks of the administrator and the supervisor.</summary>
    public async Task<AuditCheckView?> OpenAlarmAsync()
    {
        var last = await db.AuditChecks.AsNoTracking().OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefaultAsync();
        if (last is null || last.Intact) return null;
        if (scope.IsRestricted && last.BrokenChain is int c && c > 0 && !scope.CanRead(c)) return null;
        var b = last.BrokenChain is int chain ? (await ViewAsync([new AuditBreak(chain, last.BrokenSeq ?? 0, last.Reason ?? "")])).Single() : null;
        return new AuditCheckView(last.At, last.Trigger, last.Intact, last.Entries, last.Chains, b);
    }

    public async Task<AuditCheckView?> LastCheckAsync()
    {
        var last = await db.AuditChecks.AsNoTracking().OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefaultAsync();
        return last is null ? null : new AuditCheckView(last.At, last.Trigger, last.Intact, last.Entries, last.Chains, null);
    }

    /// <summary>The checkpoints as published: each with the heads of the chains this reader may see.</summary>
    public async Task<List<CheckpointView>> CheckpointsAsync(int take = 30)
    {
        var list = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Seq).Take(Math.Clamp(take, 1, 366)).ToListAsync();
        var records = list.Select(c => (c, r: c.ToRecord())).ToList();
        var codes = await CodesAsync(records.SelectMany(x => x.r.Heads).Where(h => h.Chain > 0).Select(h => h.Chain));
        return records.Select(x => new CheckpointView(x.c.Seq, x.c.At, x.c.Trigger, x.c.Signature, x.r.Heads
            .Where(h => !scope.IsRestricted || (h.Chain > 0 && scope.CanRead(h.Chain)))
            .Select(h => new CheckpointHeadView(h.Chain, codes.TryGetValue(h.Chain, out var u) ? u.Code : null, h.Seq, h.Hash)).ToList())).ToList();
    }
}

public sealed class UnknownUnitException(string code) : Exception($"No unit has the code {code}.");

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton(sp => AuditKeys.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("FriendlyGov.Audit")));
        services.AddSingleton<AuditWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWatch>());
        return services.AddScoped<AuditLog>();
    }

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (AuditLog log, string? unit, string? user, string? entity, DateOnly? from, DateOnly? to, int? page, string? kind) =>
        {
            var (rows, total) = await log.SearchAsync(new AuditFilter(unit, user, entity, from, to, page ?? 1, kind));
            return TypedResults.Ok(new { total, page = page ?? 1, pageSize = AuditLog.PageSize, rows });
        }).RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Audit")
            .WithSummary("The audit log in the caller's area: changes, and officials' readings of citizens' records (kind=read or kind=change for one of them).");

        api.MapGet("/audit/verify", async Task<Results<Ok<AuditVerifyResponse>, ProblemHttpResult>> (AuditLog log, ILoggerFactory logs, string? unit, CancellationToken ct) =>
        {
            try
            {
                var (result, breaks) = await log.VerifyAndRecordAsync(unit, "manual", logs.CreateLogger("FriendlyGov.Audit"), ct: ct);
                return TypedResults.Ok(new AuditVerifyResponse(result.Entries, result.Chains, result.Checkpoints, result.Intact,
                    breaks.Select(b => new AuditBreakResponse(b.Chain, b.UnitCode, b.Seq, b.Reason, b.Describe())).ToList()));
            }
            catch (UnknownUnitException ex)
            {
                return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy đơn vị");
            }
        }).RequireAuthorization(Policies.Admin).WithTags("Audit");

        api.MapGet("/audit/checkpoints", async (AuditLog log, int? take) => TypedResults.Ok(await log.CheckpointsAsync(take ?? 30)))
            .RequireAuthorization(Policies.LeaderOrSupervisor).WithTags("Audit");

        api.MapPost("/audit/checkpoints", async (AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await AuditSeals.CheckpointAsync(db, "on-demand", clock.GetUtcNow().UtcDateTime, ct);
            return TypedResults.Created($"/api/v1/audit/checkpoints/{c.Seq}", new CheckpointCreatedDto(c.Seq, c.At, c.Trigger, c.Heads, c.PrevSignature, c.Signature));
        }).RequireAuthorization(Policies.Admin).WithTags("Audit");

        // "Was it changed to the same value as X?": the fingerprint the log would hold for X, for an administrator's inquiry.
        api.MapPost("/audit/fingerprint", Results<Ok<FingerprintResponse>, ProblemHttpResult> (FingerprintRequest body, AuditKey key) =>
            string.IsNullOrEmpty(body.Value)
                ? TypedResults.Problem("Nhập giá trị cần đối chiếu.", statusCode: StatusCodes.Status400BadRequest, title: "Thiếu giá trị")
                : TypedResults.Ok(new FingerprintResponse(key.Fingerprint(body.Value))))
            .RequireAuthorization(Policies.Admin).WithTags("Audit");
        return api;
    }
}

public sealed record AuditVerifyResponse(long Entries, int Chains, int Checkpoints, bool Intact, IReadOnlyList<AuditBreakResponse> Breaks);
public sealed record AuditBreakResponse(int Chain, string? UnitCode, long Seq, string Reason, string Description);
public sealed record FingerprintRequest(string? Value);
public sealed record FingerprintResponse(string Fingerprint);
