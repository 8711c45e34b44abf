using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FriendlyGov.Web.Features.Dossiers;

public enum IntakeDecision { Accept, Incomplete, Refuse } // Mẫu 01 · Mẫu 02 · Mẫu 03

public sealed class IntakeInput
{
    [Required(ErrorMessage = "Chọn thủ tục hành chính.")]
    public string ProcedureCode { get; set; } = "";

    [Required(ErrorMessage = "Nhập họ và tên người nộp hồ sơ.")]
    [StringLength(100, ErrorMessage = "Họ và tên tối đa 100 ký tự.")]
    public string ApplicantName { get; set; } = "";

    public string CitizenId { get; set; } = "";

    [Required(ErrorMessage = "Nhập số điện thoại.")]
    [RegularExpression(@"^0\d{9}$", ErrorMessage = "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.")]
    public string Phone { get; set => field = Core.Domain.InputRules.Phone(value) ?? ""; } = "";

    [Required(ErrorMessage = "Nhập địa chỉ.")]
    [StringLength(300, ErrorMessage = "Địa chỉ tối đa 300 ký tự.")]
    public string Address { get; set; } = "";

    public IntakeDecision Decision { get; set; } = IntakeDecision.Accept;

    /// <summary>For Mẫu 02: what the applicant must add.</summary>
    [StringLength(2000, ErrorMessage = "Tối đa 2000 ký tự.")]
    public string? MissingDocuments { get; set; }

    /// <summary>Indexes (into the procedure's documents) of what the applicant handed in at the counter.</summary>
    public List<int> Received { get; set; } = [];

    /// <summary>How the applicant chose to be told of the dossier (Email, Sms, Zalo), or null for no messages.</summary>
    public NotificationChannel? NotifyBy { get; set; }

    [EmailAddress(ErrorMessage = "Địa chỉ thư điện tử không hợp lệ.")]
    [StringLength(200, ErrorMessage = "Địa chỉ thư điện tử tối đa 200 ký tự.")]
    public string? Email { get; set; }

    /// <summary>For Mẫu 03: why the dossier is refused.</summary>
    [StringLength(2000, ErrorMessage = "Tối đa 2000 ký tự.")]
    public string? RefusalReason { get; set; }
}

/// <summary>Tiếp nhận hồ sơ at the one-stop counter: check, decide, number, appoint, record.</summary>
public sealed class Intake(AppDbContext db, Calendars calendars, TimeProvider clock, IUnitScope scope, Notifications.ChannelDirectory channels)
{
    private const int Attempts = 8;
    private static readonly string[] UnitFilterOnly = [AppDbContext.UnitFilter];

    private static readonly PerModel<Func<AppDbContext, int, string, Task<Procedure?>>> PublishedProcedure = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int unitId, string code) =>
            db.Procedures.IgnoreQueryFilters(UnitFilterOnly).AsNoTracking().FirstOrDefault(p => p.UnitId == unitId && p.Code == code && p.Published)));

    public async Task<Outcome<Dossier>> ReceiveAsync(int unitId, IntakeInput input, DossierChannel channel,
        IReadOnlyList<UploadedDocument>? files = null, string? citizenUserId = null, AdministrativeUnit? knownUnit = null)
    {
        var errors = new List<RuleViolation>();
        // Posted procedures are public (a citizen submitting online reads no commune rows through the filter); the caller fixed the unit.
        var code = input.ProcedureCode ?? "";
        var procedure = await db.CachedAsync($"procedure:{unitId}:{code}", () => PublishedProcedure.For(db)(db, unitId, code));
        if (procedure is null) errors.Add(new(nameof(input.ProcedureCode), "Xã không niêm yết thủ tục này."));
        var now = clock.GetUtcNow().UtcDateTime;
        if (CitizenIds.Problem(input.CitizenId, VietnamTime.FromUtc(now).Year) is { } idProblem) errors.Add(new(nameof(input.CitizenId), idProblem));
        // At the counter the officer ticks what was handed in: accepting needs every required document; what is missing
        // becomes the Mẫu 02 list unless the officer wrote one.
        var docs = procedure?.Documents ?? [];
        var missing = channel == DossierChannel.InPerson
            ? docs.Where((d, i) => d.Required && !input.Received.Contains(i)).Select(d => d.Name).ToList() : [];
        if (input.Decision == IntakeDecision.Accept && missing.Count > 0)
            errors.Add(new(nameof(input.Received), $"Chưa đủ thành phần hồ sơ: {string.Join("; ", missing)}. Chọn “Chưa đầy đủ” để in phiếu yêu cầu bổ sung (Mẫu 02)."));
        if (input.Decision == IntakeDecision.Incomplete && string.IsNullOrWhiteSpace(input.MissingDocuments))
        {
            if (missing.Count > 0) input.MissingDocuments = string.Join("\n", missing);
            else errors.Add(new(nameof(input.MissingDocuments), "Ghi rõ giấy tờ cần bổ sung, hoàn thiện."));
        }
        if (input.Decision == IntakeDecision.Refuse && string.IsNullOrWhiteSpace(input.RefusalReason))
            errors.Add(new(nameof(input.RefusalReason), "Ghi rõ lý do từ chối tiếp nhận."));
        if (await channels.ConsentProblemAsync(unitId, input.NotifyBy, input.Email, input.Phone, nameof(input.Email), nameof(input.Phone), nameof(input.NotifyBy)) is { } consent)
            errors.Add(new(consent.Field, consent.Message));
        if (errors.Count > 0) return Outcome<Dossier>.Invalid(errors);

        var unit = knownUnit?.Id == unitId ? knownUnit : await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId);
        var local = VietnamTime.FromUtc(now);
        var calendar = await calendars.ForUnitAsync(unitId);
        var status = input.Decision switch
        {
            IntakeDecision.Refuse => DossierStatus.NotAccepted,
            IntakeDecision.Incomplete => DossierStatus.SupplementRequested,
            _ => channel == DossierChannel.InPerson ? DossierStatus.Accepted : DossierStatus.Registered,
        };
        DateTime? appointed = status is DossierStatus.Accepted
            ? VietnamTime.ToUtc(procedure!.TimeLimitDays is decimal days ? calendar.DueAt(local, days) : calendar.SameDayDueAt(local))
            : null;

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Number, dossier and first history row commit together or not at all.
                await using var tx = await db.Database.BeginWorkAsync();
                // Dossier, files and first step: one transaction, one extension of the commune's audit chain. On PostgreSQL
                // the first command numbers the dossier, locks the chain head and reserves the row ids, so everything
                // after it is written in one batch; elsewhere (or with files) the saves are sealed together at the end.
                var fast = db.IsPostgres && (files is null || files.Count == 0) && channel == DossierChannel.InPerson;
                var (sequence, dossierId, stepId) = fast ? await PreludeAsync(unitId, DateOnly.FromDateTime(local), now) : (0, 0, 0);
                if (!fast)
                {
                    db.DeferAuditSeal();
                    sequence = await NextSequenceAsync(unitId, DateOnly.FromDateTime(local));
                }
                if (sequence > DossierCodes.MaxPerDay)
                    return Outcome<Dossier>.Invalid([new(nameof(input.ProcedureCode), $"Đơn vị đã tiếp nhận tối đa {DossierCodes.MaxPerDay:N0} hồ sơ trong ngày; vui lòng tiếp nhận vào ngày làm việc tiếp theo.")]);
                var dossier = new Dossier
                {
                    Id = dossierId, UnitId = unitId, Code = DossierCodes.Format(unit.Identifier ?? unit.Code, DateOnly.FromDateTime(local), sequence),
                    TrackingKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                    ProcedureId = procedure!.Id, ProcedureCode = procedure.Code, ProcedureName = procedure.Name, TimeLimitDays = procedure.TimeLimitDays,
                    Channel = channel, ApplicantName = input.ApplicantName.Trim(), CitizenId = input.CitizenId.Trim(),
                    Phone = input.Phone.Trim(), Address = input.Address.Trim(), ReceivedAt = now,
                    ReceivedByName = channel == DossierChannel.InPerson ? scope.ActorName : null, CitizenUserId = citizenUserId,
                    NotifyBy = input.NotifyBy, Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
                    NotifyLanguage = input.NotifyBy is null ? null : Notifications.ChannelDirectory.CurrentLanguage(),
                    MissingDocuments = input.MissingDocuments?.Trim(), RefusalReason = input.RefusalReason?.Trim(),
                    ReceivedDocuments = input.Received.Count == 0 ? null
                        : string.Join("\n", input.Received.Where(i => i >= 0 && i < docs.Count).Distinct().Order().Select(i => docs[i].Name)),
                };
                dossier.Receive(status, appointed);
                db.Dossiers.Add(dossier);
                if (!fast) await db.SaveChangesAsync();
                foreach (var f in files ?? [])
                    db.DossierFiles.Add(new DossierFile
                    {
                        UnitId = unitId, DossierId = dossier.Id, DocumentName = f.DocumentName, FileName = f.FileName, ContentType = f.ContentType,
                        Size = f.Content.Length, Sha256 = f.Sha256, Content = f.Content,
                    });
                if (channel == DossierChannel.InPerson) db.DossierSteps.Add(new DossierStep
                {
                    Id = stepId, UnitId = unitId, DossierId = fast ? dossierId : dossier.Id, At = now, Status = status, ByName = scope.ActorName, ByUserId = scope.ActorId,
                    Action = input.Decision switch { IntakeDecision.Refuse => DossierAction.Refuse, IntakeDecision.Incomplete => DossierAction.RequestSupplement, _ => DossierAction.Accept },
                    Note = input.Decision switch { IntakeDecision.Refuse => input.RefusalReason, IntakeDecision.Incomplete => input.MissingDocuments, _ => null },
                });
                if (fast)
                {
                    // EF Core's own savepoint around the save would cost two more round trips; the work is all-or-nothing
                    // already (a failure rolls the whole transaction, or the work's savepoint, back and the loop starts again).
                    db.Database.AutoSavepointsEnabled = false;
                    try { await db.SaveChangesAsync(); }
                    finally { db.Database.AutoSavepointsEnabled = true; }
                }
                else
                {
                    await db.SaveChangesAsync();
                    await db.SealDeferredAuditAsync();
                }
                await tx.CommitAsync();
                return Outcome<Dossier>.Success(dossier);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another officer took the same number (or created the day's counter) first: start again from a clean slate.
                db.ChangeTracker.Clear();
            }
            finally
            {
                db.DiscardDeferredAudit(); // nothing is left deferred after a failed attempt (after success it is already sealed)
            }
        }
    }

    /// <summary>
    /// PostgreSQL, one round trip: the day's next number (the same upsert as <see cref="NextSequenceAsync"/>), the commune's
    /// audit chain head locked and read, and the ids of the dossier and its first step reserved from their identity sequences.
    /// </summary>
    private async Task<(int Sequence, int DossierId, int StepId)> PreludeAsync(int unitId, DateOnly day, DateTime now)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new Npgsql.NpgsqlBatch(connection, (Npgsql.NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction())
        {
            BatchCommands =
            {
                new(NextSequenceSql("$1", "$2")) { Parameters = { new() { Value = unitId }, new() { Value = day } } },
                new(AppDbContext.LockHeadSql("$1", "$2", "$3"))
                    { Parameters = { new() { Value = unitId }, new() { Value = AuditChain.Genesis }, new() { Value = now } } },
                new("""SELECT nextval(pg_get_serial_sequence('"Dossiers"', 'Id'))::int, nextval(pg_get_serial_sequence('"DossierSteps"', 'Id'))::int"""),
            },
        };
        await using var r = await batch.ExecuteReaderAsync();
        await r.ReadAsync();
        var sequence = r.GetInt32(0);
        await r.NextResultAsync();
        await r.ReadAsync();
        var head = new AuditChainHead { Chain = r.GetInt32(0), Seq = r.GetInt64(1), Hash = r.GetString(2), UpdatedAt = r.GetDateTime(3) };
        await r.NextResultAsync();
        await r.ReadAsync();
        var ids = (r.GetInt32(0), r.GetInt32(1));
        await r.CloseAsync();
        db.TrackLockedHead(head);
        return (sequence, ids.Item1, ids.Item2);
    }

    /// <summary>
    /// The next number of the day for the unit, in one atomic upsert (SQLite 3.24+ and PostgreSQL alike): concurrent intakes
    /// queue on the row instead of colliding. The counter is bookkeeping, not business data, so it bypasses the audit trail.
    /// </summary>
    private async Task<int> NextSequenceAsync(int unitId, DateOnly day) =>
        (await db.Database.SqlQueryRaw<int>(NextSequenceSql("{0}", "{1}"), unitId, day).ToListAsync()).Single();

    /// <summary>The day-number upsert, with the placeholders of EF ("{0}") or of a batch ("$1").</summary>
    private static string NextSequenceSql(string unit, string day) => $"""
        INSERT INTO "DossierSequences" ("UnitId", "Day", "Last", "Version") VALUES ({unit}, {day}, 1, 0)
        ON CONFLICT ("UnitId", "Day") DO UPDATE SET "Last" = "DossierSequences"."Last" + 1, "Version" = "DossierSequences"."Version" + 1
        RETURNING "Last" AS "Value"
        """;
}
