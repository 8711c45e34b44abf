using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Staff;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Dossiers;

/// <summary>
/// Hồ sơ: the commune's dossiers (the tenant filter keeps other communes out). All of them newest first, or the open ones
/// due within a working day, late, or done and waiting to be collected; found by code, applicant, phone or ID number.
/// The counts and the due-soon and late lists are read from every open dossier, as the desk counts them, not from the
/// newest page only.
/// </summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class IndexModel(AppDbContext db, Processing processing, WorkQueue queue) : PageModel
{
    /// <summary>How many dossiers the "all" list shows; older ones are found by searching.</summary>
    public const int PageSize = 300;
    /// <summary>How many of the newest applicants' names a name search reads (names are compared without diacritics, here).</summary>
    private const int NameSearchDepth = 50_000;

    /// <summary>"sap-den-han": due within a working day; "tre-han": late; "cho-tra": result ready to collect; empty: all.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "loc")] public string? Filter { get; set; }
    /// <summary>"toi": the dossiers I hold.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "nguoi-xu-ly")] public string? Holder { get; set; }
    /// <summary>A code (or part of one), an applicant's name (with or without diacritics), a phone number or an ID number.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    public List<DossierView> Dossiers { get; private set; } = [];
    public int DueSoonCount { get; private set; }
    public int LateCount { get; private set; }
    public int LateWithoutApologyCount { get; private set; }
    public int ReadyCount { get; private set; }
    /// <summary>More dossiers matched than the page shows.</summary>
    public bool Truncated { get; private set; }

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var mine = Holder == "toi";
        var open = await queue.OpenDossiersAsync();
        (DueSoonCount, LateCount, LateWithoutApologyCount, ReadyCount) = (open.Count(v => v.DueSoon), open.Count(v => v.Late),
            open.Count(v => v.LateWithoutApology), open.Count(v => v.Dossier.Status == DossierStatus.Done));
        var wanted = Filter switch
        {
            "sap-den-han" => (Func<DossierView, bool>)(v => v.DueSoon),
            "tre-han" => v => v.Late,
            "cho-tra" => v => v.Dossier.Status == DossierStatus.Done,
            _ => null,
        };
        if (wanted is not null)
        {
            var needle = InputRules.Blank(Search) is { } s ? Needle.Of(s) : null;
            Dossiers = [.. open.Where(v => wanted(v) && (!mine || v.Dossier.AssigneeId == me) && (needle is null || needle.Matches(v, User)))
                .OrderBy(v => v.Timeliness.EffectiveDue ?? DateTime.MaxValue)];
            return;
        }
        var q = db.Dossiers.AsNoTracking();
        if (mine) q = q.Where(d => d.AssigneeId == me);
        if (InputRules.Blank(Search) is { } search)
        {
            var ids = await FindAsync(q, search);
            q = q.Where(d => ids.Contains(d.Id));
        }
        var rows = await q.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id).Take(PageSize + 1).ToListAsync();
        Truncated = rows.Count > PageSize;
        Dossiers = await processing.ViewsOfAsync(rows.Take(PageSize).ToList());
    }

    /// <summary>
    /// What a search names: a phone or ID number exactly (nine digits or more, nothing else), a code or part of one, and an
    /// applicant's name or part of it, compared without case or diacritics ("lo van kham" finds "Lò Văn Khằm").
    /// </summary>
    private sealed record Needle(string Code, string? Number, string Name)
    {
        public static Needle Of(string search)
        {
            var trimmed = search.Trim();
            var numeric = trimmed.Length >= 9 && trimmed.All(char.IsAsciiDigit);
            var folded = VietnameseText.Fold(trimmed);
            // A number is not a name: digits alone are looked for in codes, phones and ID numbers only.
            return new(trimmed.ToUpperInvariant(), numeric ? trimmed : null, folded.Length >= 2 && !folded.Replace(" ", "").All(char.IsAsciiDigit) ? folded : "");
        }

        /// <summary>A phone or ID number finds only the dossiers whose applicant's details the reader may see in full.</summary>
        public bool Matches(DossierView v, ClaimsPrincipal reader) => v.Dossier is var d && (d.Code.Contains(Code, StringComparison.Ordinal)
            || Number is not null && (d.Phone == Number || d.CitizenId == Number) && DossiersSetup.SeesApplicant(reader, d, v.Steps)
            || Name.Length > 0 && VietnameseText.Fold(d.ApplicantName).Contains(Name, StringComparison.Ordinal));
    }

    /// <summary>
    /// The ids of the dossiers a search names, newest first; the names are compared here, over the newest applicants. A
    /// number finds only the dossiers whose applicant this reader sees in full (DossiersSetup.WhereApplicantSeen).
    /// </summary>
    private async Task<List<int>> FindAsync(IQueryable<Dossier> q, string search)
    {
        var n = Needle.Of(search);
        var found = q.Where(d => d.Code.Contains(n.Code));
        if (n.Number is { } number) found = found.Union(q.Where(d => d.Phone == number || d.CitizenId == number).WhereApplicantSeen(db, User));
        var byNumberOrCode = await found.OrderByDescending(d => d.ReceivedAt).Select(d => d.Id).Take(PageSize + 1).ToListAsync();
        if (n.Name.Length == 0) return byNumberOrCode;
        var names = await q.OrderByDescending(d => d.ReceivedAt).Select(d => new { d.Id, d.ApplicantName }).Take(NameSearchDepth).ToListAsync();
        return [.. byNumberOrCode.Concat(names.Where(x => VietnameseText.Fold(x.ApplicantName).Contains(n.Name, StringComparison.Ordinal)).Select(x => x.Id))
            .Distinct().Take(PageSize + 1)];
    }
}
