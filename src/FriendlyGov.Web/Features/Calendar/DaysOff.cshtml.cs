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

/// <summary>Lịch nghỉ: the year's holidays as computed, and the government's announced days off and make-up days.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DaysOffModel(AppDbContext db, IOptions<PetitionDeadlines> deadlines) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Chọn ngày.")]
        public DateOnly? Date { get; set; }
        public bool Working { get; set; }
        [Required(ErrorMessage = "Nhập lý do, ví dụ: Làm bù cho ngày 2/5.")]
        [StringLength(200, ErrorMessage = "Lý do tối đa 200 ký tự.")]
        public string Reason { get; set; } = "";
    }

    [BindProperty(SupportsGet = true, Name = "nam"), Range(1990, 2100, ErrorMessage = "Năm phải từ 1990 đến 2100.")] public int Year { get; set; } = DateTime.UtcNow.Year;
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<CalendarDay> Days { get; private set; } = [];
    public List<CalendarDayOverride> Overrides { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Year is < 1990 or > 2100) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (ModelState.IsValid && await db.CalendarOverrides.AnyAsync(o => o.Date == Input.Date))
            ModelState.AddModelError("Input.Date", "Ngày này đã có trong bảng; xóa dòng cũ trước khi sửa.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var moved = await SaveAndRealignAsync(() => db.CalendarOverrides.Add(new CalendarDayOverride { Date = Input.Date!.Value, Working = Input.Working, Reason = Input.Reason.Trim() }));
        if (moved > 0) this.Notice("Đã thêm vào lịch nghỉ. Hạn trả lời của {0} phản ánh đang xử lý được tính lại theo lịch mới.", moved);
        else this.Notice("Đã thêm vào lịch nghỉ.");
        return RedirectToPage(new { nam = Input.Date!.Value.Year });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var row = await db.CalendarOverrides.FindAsync(id);
        if (row is null) return NotFound();
        var moved = await SaveAndRealignAsync(() => db.CalendarOverrides.Remove(row));
        if (moved > 0) this.Notice("Đã xóa khỏi lịch nghỉ. Hạn trả lời của {0} phản ánh đang xử lý được tính lại theo lịch mới.", moved);
        else this.Notice("Đã xóa khỏi lịch nghỉ.");
        return RedirectToPage(new { nam = row.Date.Year });
    }

    /// <summary>The calendar's change and the due dates it moves commit together: no open petition keeps a deadline of the old calendar.</summary>
    private async Task<int> SaveAndRealignAsync(Action change)
    {
        await using var work = await db.Database.BeginWorkAsync();
        change();
        await db.SaveChangesAsync();
        var moved = await Petitions.PetitionDueDates.RealignAsync(db, deadlines.Value);
        await work.CommitAsync();
        return moved;
    }


    private async Task LoadAsync()
    {
        Overrides = await db.CalendarOverrides.AsNoTracking().OrderBy(o => o.Date).ToListAsync();
        var calendar = new WorkingCalendar(Overrides.Select(o => new CalendarOverride(o.Date, o.Working, o.Reason)), OfficeHours.Default);
        Days = calendar.ExceptionalDays(Year);
        Overrides = Overrides.Where(o => o.Date.Year == Year).ToList();
    }
}
