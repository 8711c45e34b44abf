using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Calendar;

/// <summary>Lịch nghỉ: the year's holidays as computed, and the government's announced days off and make-up days.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DaysOffModel(AppDbContext db) : PageModel
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
        db.CalendarOverrides.Add(new CalendarDayOverride { Date = Input.Date!.Value, Working = Input.Working, Reason = Input.Reason.Trim() });
        await db.SaveChangesAsync();
        TempData["Notice"] = "Đã thêm vào lịch nghỉ.";
        return RedirectToPage(new { nam = Input.Date.Value.Year });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var row = await db.CalendarOverrides.FindAsync(id);
        if (row is null) return NotFound();
        db.CalendarOverrides.Remove(row);
        await db.SaveChangesAsync();
        TempData["Notice"] = "Đã xóa khỏi lịch nghỉ.";
        return RedirectToPage(new { nam = row.Date.Year });
    }

    private async Task LoadAsync()
    {
        Overrides = await db.CalendarOverrides.AsNoTracking().OrderBy(o => o.Date).ToListAsync();
        var calendar = new WorkingCalendar(Overrides.Select(o => new CalendarOverride(o.Date, o.Working, o.Reason)), OfficeHours.Default);
        Days = calendar.ExceptionalDays(Year);
        Overrides = Overrides.Where(o => o.Date.Year == Year).ToList();
    }
}
