using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Calendar;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>
/// Demo dossiers at the two pilot communes' counters, each at a different point of a working fortnight: received this
/// morning, with the specialist, due tomorrow, late without an apology, late with an approved apology, waiting for the
/// leader, asked for a paper, done and waiting to be collected, returned, refused, and one submitted online by the demo
/// citizen. Their history is played through the same intake and processing use cases the counter uses, on a clock set back
/// to each step's working day, so codes, appointments, hand-over verdicts and audit entries are what real work leaves.
/// Deterministic apart from the tracking keys (random, as at the counter).
/// </summary>
public static class DemoDossiers
{
    /// <summary>A step: who takes it, which action, after how many working days from the receipt, and its note.</summary>
    private sealed record Step(string By, DossierAction Action, int Day, string? Note = null, string? ReceivedBy = null);

    private sealed record Seed(string Commune, string Procedure, string Applicant, string CitizenId, string Phone, string Address,
        int DaysAgo, int Minute, IntakeDecision Decision = IntakeDecision.Accept, string? IntakeNote = null, Step[]? Steps = null,
        string? Apology = null, bool Online = false);

    public static async Task SeedAsync(IServiceProvider sp, DateTime nowUtc, Dictionary<string, AdministrativeUnit> communes)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var calendars = sp.GetRequiredService<Calendars>();
        var staff = await db.Users.Where(u => u.UnitId != null || u.UserName == "0987654321").ToDictionaryAsync(u => u.UserName!, u => u);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync();

        const string Cs = "03298", Ql = "16060";
        const string CsDesk = "chiengsinh.tiepnhan", CsSpec = "chiengsinh.chuyenvien", CsLead = "chiengsinh.lanhdao";
        const string QlDesk = "quangloc.tiepnhan", QlSpec = "quangloc.chuyenvien", QlLead = "quangloc.lanhdao";
        Step[] Through(string spec, string lead, int start, int handOver, int complete) =>
            [new(Desk(spec), DossierAction.StartProcessing, start), new(spec, DossierAction.HandOver, handOver, "Đủ điều kiện, đề nghị phê duyệt."),
             new(lead, DossierAction.Complete, complete)];
        static string Desk(string spec) => spec.Replace("chuyenvien", "tiepnhan");

        Seed[] seeds =
        [
            // Chiềng Sinh: a fortnight at the counter.
            new(Cs, "1.004873", "Lò Văn Khằm", "011085001234", "0914234567", "Bản Hới Nọ, xã Chiềng Sinh", 0, 35),
            new(Cs, "2.001035", "Quàng Thị Bun", "011190004567", "0985112233", "Bản Củ, xã Chiềng Sinh", 1, 50,
                Steps: [new(CsDesk, DossierAction.StartProcessing, 0)]),
            new(Cs, "1.004873", "Lường Văn Pằn", "011088003456", "0367445566", "Bản Lồng, xã Chiềng Sinh", 5, 20,
                Steps: [new(CsDesk, DossierAction.StartProcessing, 0)]),
            new(Cs, "1.004859", "Cà Thị Ón", "011195002211", "0978665544", "Bản Chiềng Sinh, xã Chiềng Sinh", 6, 80,
                Steps: [new(CsDesk, DossierAction.StartProcessing, 0)],
                Apology: "Phải xác minh thông tin khai sinh gốc tại UBND xã Quài Cang (nơi đăng ký lần đầu)."),
            new(Cs, "1.004837", "Lò Văn Hặc", "011079005678", "0912667788", "Bản Hới Ná, xã Chiềng Sinh", 2, 65,
                Steps: [new(CsDesk, DossierAction.StartProcessing, 0), new(CsSpec, DossierAction.HandOver, 1, "Đủ điều kiện đăng ký giám hộ.")]),
            new(Cs, "1.001022", "Tòng Thị Xiêng", "011192006789", "0398776655", "Bản Củ, xã Chiềng Sinh", 3, 95,
                Steps: Through(CsSpec, CsLead, 0, 1, 2)),
            new(Cs, "1.004873", "Lò Thị Kiên", "011196007890", "0961223344", "Bản Lồng, xã Chiềng Sinh", 8, 40,
                Steps: [.. Through(CsSpec, CsLead, 0, 1, 2), new(CsDesk, DossierAction.Return, 2, ReceivedBy: "Lò Thị Kiên")]),
            new(Cs, "1.003930", "Quàng Văn Ún", "011082008901", "0356889900", "Bản Hới Ná, xã Chiềng Sinh", 4, 110,
                Steps: [new(CsDesk, DossierAction.StartProcessing, 0),
                    new(CsSpec, DossierAction.RequestSupplement, 2, "Bổ sung biên bản họp bình xét của bản Hới Ná (có chữ ký của trưởng bản).")]),
            new(Cs, "1.001193", "Lường Thị Phương", "011198009012", "0947556677", "Bản Chiềng Sinh, xã Chiềng Sinh", 1, 125,
                Decision: IntakeDecision.Incomplete, IntakeNote: "Giấy chứng sinh của trẻ (bản chính)"),
            new(Cs, "2.001035", "Cà Văn Tỉnh", "011075001357", "0375112299", "Bản Củ, xã Chiềng Sinh", 5, 140,
                Decision: IntakeDecision.Refuse,
                IntakeNote: "Tài sản (xe máy) đứng tên người khác; cần chủ sở hữu cùng ký hoặc giấy ủy quyền có chứng thực."),
            new(Cs, "1.004873", "Hà Thị Mai", "011194002468", "0987654321", "Bản Lồng, xã Chiềng Sinh", 0, 10, Online: true),
            // Quang Lộc: fewer, and on time, as the 2022 pilot.
            new(Ql, "1.004873", "Nguyễn Văn Thành", "038080002345", "0904567890", "Thôn Đông, xã Quang Lộc", 1, 30,
                Steps: [new(QlDesk, DossierAction.StartProcessing, 0)]),
            new(Ql, "1.004859", "Lê Thị Hồng", "038185003456", "0915678901", "Thôn Nam, xã Quang Lộc", 3, 55,
                Steps: Through(QlSpec, QlLead, 0, 1, 2)),
            new(Ql, "1.004873", "Trần Văn Bảy", "038077004567", "0986789012", "Thôn Trung, xã Quang Lộc", 6, 70,
                Steps: [.. Through(QlSpec, QlLead, 0, 1, 1), new(QlDesk, DossierAction.Return, 2, ReceivedBy: "Trần Thị Lụa (vợ, có giấy ủy quyền)")]),
        ];

        var clock = new SetClock();
        foreach (var s in seeds)
        {
            var unit = communes[s.Commune];
            var calendar = await calendars.ForUnitAsync(unit.Id);
            // The receipt's working day, at the counter's opening plus a few minutes, in Vietnam time.
            var day = DateOnly.FromDateTime(VietnamTime.FromUtc(nowUtc));
            for (var back = s.DaysAgo; back > 0 || !calendar.IsWorkingDay(day);)
            {
                day = day.AddDays(-1);
                if (calendar.IsWorkingDay(day)) back--;
            }
            DateTime At(DateOnly d, int minute) => VietnamTime.ToUtc(d.ToDateTime(new TimeOnly(7, 30)).AddMinutes(minute));
            var received = At(day, s.Minute);
            // A dossier received today is received no later than now.
            if (received > nowUtc) received = nowUtc.AddMinutes(-5);
            clock.Now = received;

            var procedure = await db.Procedures.AsNoTracking().FirstAsync(p => p.UnitId == unit.Id && p.Code == s.Procedure);
            var desk = staff[s.Commune == Cs ? CsDesk : QlDesk];
            var input = new IntakeInput
            {
                ProcedureCode = s.Procedure, ApplicantName = s.Applicant, CitizenId = s.CitizenId, Phone = s.Phone, Address = s.Address,
                Decision = s.Decision, Received = s.Decision == IntakeDecision.Accept ? [.. Enumerable.Range(0, procedure.Documents.Count)] : [],
                MissingDocuments = s.Decision == IntakeDecision.Incomplete ? s.IntakeNote : null,
                RefusalReason = s.Decision == IntakeDecision.Refuse ? s.IntakeNote : null,
            };
            var intake = new Intake(db, calendars, clock, Actor(s.Online ? staff["0987654321"] : desk), sp.GetRequiredService<Notifications.ChannelDirectory>());
            var outcome = s.Online
                ? await intake.ReceiveAsync(unit.Id, input, DossierChannel.Online, [new("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)",
                    "to-khai-xac-nhan-hon-nhan.pdf", "application/pdf", Form())], staff["0987654321"].Id)
                : await intake.ReceiveAsync(unit.Id, input, DossierChannel.InPerson);
            var dossier = Check(outcome, s);

            var steps = s.Steps ?? [];
            for (var i = 0; i < steps.Length; i++)
            {
                var step = steps[i];
                var stepDay = day;
                for (var n = 0; n < step.Day;) { stepDay = stepDay.AddDays(1); if (calendar.IsWorkingDay(stepDay)) n++; }
                // Later steps of the same day follow the earlier ones by an hour or so, never into the future.
                var at = At(stepDay, s.Minute + 45 + 70 * i);
                clock.Now = at > nowUtc ? nowUtc.AddMinutes(-4 + i) : at;
                var who = staff[step.By];
                var processing = Processing(sp, clock, who);
                Check(await processing.ActAsync(dossier.Code, new ActionInput
                {
                    Action = step.Action, Note = step.Note, ReceivedBy = step.ReceivedBy, Version = dossier.Version,
                }, Principal(who, roles.Where(r => r.UserId == who.Id).Select(r => r.Name!))), s);
            }
            if (s.Apology is { } reason && dossier.AppointedAt is DateTime due)
            {
                // The specialist drafts the apology (Mẫu 04) the day the appointment passes; the leader approves it that afternoon.
                var spec = staff[s.Commune == Cs ? CsSpec : QlSpec];
                var lead = staff[s.Commune == Cs ? CsLead : QlLead];
                clock.Now = due.AddHours(-1) < nowUtc ? due.AddHours(-1) : nowUtc.AddMinutes(-3);
                var newDate = calendar.DueAt(VietnamTime.FromUtc(due), 5); // Vietnam time, as the form sends it
                Check(await Processing(sp, clock, spec).DraftApologyAsync(dossier.Code,
                    new ApologyInput { Reason = reason, NewDate = newDate, Version = dossier.Version }, Principal(spec, [Roles.Specialist])), s);
                clock.Now = clock.Now.AddHours(2) < nowUtc ? clock.Now.AddHours(2) : nowUtc.AddMinutes(-2);
                Check(await Processing(sp, clock, lead).ApproveApologyAsync(dossier.Code, dossier.Version, Principal(lead, [Roles.CommuneLeader])), s);
            }
        }
    }

    /// <summary>The processing use case as one official, on the demo's clock.</summary>
    private static Processing Processing(IServiceProvider sp, TimeProvider clock, ApplicationUser who) =>
        new(sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<Calendars>(), clock, Actor(who),
            sp.GetRequiredService<UnitAccess>(), new Officials(sp.GetRequiredService<AppDbContext>(), clock));

    /// <summary>Who acts, named as a signed-in person is (the account name).</summary>
    private static SystemScope Actor(ApplicationUser who) => new(who.UserName!, who.Id);

    private static ClaimsPrincipal Principal(ApplicationUser who, IEnumerable<string> roles) => new(new ClaimsIdentity(
        [new(ClaimTypes.NameIdentifier, who.Id), new(ClaimTypes.Name, who.UserName!), new(AppClaims.FullName, who.FullName),
         new(AppClaims.Unit, who.UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
        "demo"));

    private static Dossier Check(Outcome<Dossier> o, Seed s) => o.Ok ? o.Value!
        : throw new InvalidOperationException($"Demo dossier of {s.Applicant} failed: " + string.Join("; ", o.Errors.Select(e => e.Message)));

    /// <summary>The one-page form the demo citizen attached to the online submission.</summary>
    private static byte[] Form()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        page.AddText("TO KHAI CAP GIAY XAC NHAN TINH TRANG HON NHAN (du lieu minh hoa)", 11, new UglyToad.PdfPig.Core.PdfPoint(40, 780), font);
        page.AddText("Ho va ten: Ha Thi Mai - Noi cu tru: Ban Long, xa Chieng Sinh", 11, new UglyToad.PdfPig.Core.PdfPoint(40, 760), font);
        return builder.Build();
    }

    /// <summary>A clock the seeding sets to each step's moment, so the use cases stamp the demo's past days.</summary>
    private sealed class SetClock : TimeProvider
    {
        public DateTime Now { get; set; }
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }
}
