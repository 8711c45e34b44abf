using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FriendlyGov.Web.Features.Calendar;

/// <summary>Giờ làm việc: the commune's reception hours, which every due date counts in. The leader edits them.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class OfficeHoursModel(AppDbContext db, IOptions<PetitionDeadlines> deadlines) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Nhập giờ.")] public TimeOnly? MorningStart { get; set; }
        [Required(ErrorMessage = "Nhập giờ.")] public TimeOnly? MorningEnd { get; set; }
        [Required(ErrorMessage = "Nhập giờ.")] public TimeOnly? AfternoonStart { get; set; }
        [Required(ErrorMessage = "Nhập giờ.")] public TimeOnly? AfternoonEnd { get; set; }
        public bool SaturdayMorning { get; set; }
        [Required(ErrorMessage = "Nhập giờ.")] public TimeOnly? SameDayCutoff { get; set; }
        public int Version { get; set; }

        public OfficeHours ToDomain() => new(MorningStart!.Value, MorningEnd!.Value, AfternoonStart!.Value, AfternoonEnd!.Value, SaturdayMorning, SameDayCutoff!.Value);
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool CanEdit => User.IsInRole(Roles.CommuneLeader);

    public async Task OnGetAsync()
    {
        var unitId = User.UnitId();
        var row = await db.OfficeHours.AsNoTracking().FirstOrDefaultAsync(h => h.UnitId == unitId);
        var h = row?.ToDomain() ?? OfficeHours.Default;
        Input = new InputModel
        {
            MorningStart = h.MorningStart, MorningEnd = h.MorningEnd, AfternoonStart = h.AfternoonStart, AfternoonEnd = h.AfternoonEnd,
            SaturdayMorning = h.SaturdayMorning, SameDayCutoff = h.SameDayCutoff, Version = row?.Version ?? 0,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        if (ModelState.IsValid)
            foreach (var problem in Input.ToDomain().Problems()) ModelState.AddModelError("", problem);
        if (!ModelState.IsValid) return Page();
        var unitId = User.UnitId()!.Value;
        // The hours and the due dates they move commit together.
        await using var work = await db.Database.BeginWorkAsync();
        var row = await db.OfficeHours.FirstOrDefaultAsync(h => h.UnitId == unitId);
        if (row is null) db.OfficeHours.Add(row = new UnitOfficeHours { UnitId = unitId });
        else RefusedException.IfStale(Input.Version, row.Version, "Giờ làm việc");
        var h = Input.ToDomain();
        (row.MorningStart, row.MorningEnd, row.AfternoonStart, row.AfternoonEnd, row.SaturdayMorning, row.SameDayCutoff) =
            (h.MorningStart, h.MorningEnd, h.AfternoonStart, h.AfternoonEnd, h.SaturdayMorning, h.SameDayCutoff);
        await db.SaveChangesAsync();
        var moved = await Petitions.PetitionDueDates.RealignAsync(db, deadlines.Value, unitId);
        await work.CommitAsync();
        if (moved > 0) this.Notice("Đã lưu giờ làm việc. Hạn trả lời của {0} phản ánh đang xử lý được tính lại theo giờ mới.", moved);
        else this.Notice("Đã lưu giờ làm việc.");
        return RedirectToPage();
    }
}
