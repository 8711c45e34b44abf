using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>Nhân sự: who works where. Leaders staff their commune; supervisors see their subtree; administrators all.</summary>
[Authorize(Policy = Policies.LeaderOrSupervisor)]
public sealed class StaffModel(AppDbContext db, IUnitScope scope, UnitAccess access, StaffAccounts accounts, TimeProvider clock) : PageModel
{
    public sealed record Row(string UserName, string FullName, string? JobTitle, string Unit, IReadOnlyList<string> Roles, bool Locked);

    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty] public NewStaffInput Input { get; set; } = new();
    public List<Row> Rows { get; private set; } = [];
    public string[] Assignable { get; private set; } = [];
    public string? UnitName { get; private set; }
    public List<(string Code, string Name)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await accounts.CreateAsync(Input, User);
            if (result.Ok)
            {
                this.Notice("Đã tạo tài khoản {0}.", result.Value!.UserName!);
                return RedirectToPage(new { Unit });
            }
            ModelState.AddTo(result.Errors);
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostLockAsync(string userName, bool locked)
    {
        var result = await accounts.SetLockedAsync(userName, locked, User);
        if (result.Missing) return NotFound();
        if (!result.Ok) return Forbid();
        this.Notice(locked ? "Đã khóa tài khoản {0}." : "Đã mở khóa tài khoản {0}.", userName);
        return RedirectToPage(new { Unit });
    }

    private async Task<bool> LoadAsync()
    {
        Assignable = StaffAccounts.AssignableBy(User);
        var q = db.Users.AsNoTracking().InScope(scope);
        if (!string.IsNullOrEmpty(Unit))
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == Unit);
            if (unit is null || !await access.MayAsync(User, unit.Id, UnitOperations.Read)) return false;
            UnitName = unit.FullName;
            q = q.Where(u => u.UnitId == unit.Id);
        }
        var users = await q.OrderBy(u => u.UnitId).ThenBy(u => u.FullName)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.JobTitle, u.UnitId, u.LockoutEnd }).ToListAsync();
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(r => ids.Contains(r.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync())
            .ToLookup(r => r.UserId, r => StaffAccounts.RoleNames.GetValueOrDefault(r.Name!, r.Name!));
        var names = await db.UnitNamesAsync(users.Select(u => u.UnitId!.Value));
        var now = clock.GetUtcNow();
        Rows = users.Select(u => new Row(u.UserName!, u.FullName, u.JobTitle, names.GetValueOrDefault(u.UnitId!.Value, ""),
            roles[u.Id].ToList(), u.LockoutEnd > now)).ToList();

        // Units a new account may belong to: the administrator picks any current unit; a leader's own commune is implied.
        if (User.IsInRole(Roles.Admin))
            Units = (await db.Units.AsNoTracking().Where(u => u.EffectiveTo == null && u.SuccessorId == null && u.Level != UnitLevel.Village)
                    .OrderBy(u => u.Code).Select(u => new { u.Code, u.Name, u.Type }).ToListAsync())
                .Select(u => (u.Code, UnitTypes.FullName(u.Type, u.Name))).ToList();
        return true;
    }
}
