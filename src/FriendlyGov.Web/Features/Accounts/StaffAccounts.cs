using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

public sealed class NewStaffInput
{
    [Required(ErrorMessage = "Nhập họ và tên.")]
    [StringLength(100, ErrorMessage = "Họ và tên tối đa 100 ký tự.")]
    [Display(Name = "Họ và tên")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Nhập tên đăng nhập.")]
    [RegularExpression("^[A-Za-z0-9._@-]{3,64}$", ErrorMessage = "Tên đăng nhập gồm 3–64 chữ không dấu, chữ số hoặc . _ - @.")]
    [Display(Name = "Tên đăng nhập")]
    public string UserName { get; set; } = "";

    [StringLength(100, ErrorMessage = "Chức vụ tối đa 100 ký tự.")]
    [Display(Name = "Chức vụ")]
    public string? JobTitle { get; set; }

    [Required(ErrorMessage = "Chọn vai trò.")]
    [Display(Name = "Vai trò")]
    public string Role { get; set; } = Roles.CounterOfficer;

    [Display(Name = "Đơn vị")]
    public string? UnitCode { get; set; }

    [Required(ErrorMessage = "Nhập mật khẩu ban đầu.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mật khẩu ban đầu")]
    public string Password { get; set; } = "";
}

/// <summary>Creating and locking staff accounts: a commune leader for their own commune, an administrator anywhere.</summary>
public sealed class StaffAccounts(AppDbContext db, UserManager<ApplicationUser> users, IUnitScope scope, UnitAccess access, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>
    {
        [Roles.CounterOfficer] = "Cán bộ tiếp nhận và trả kết quả",
        [Roles.Specialist] = "Công chức chuyên môn",
        [Roles.CommuneLeader] = "Lãnh đạo UBND xã",
        [Roles.Supervisor] = "Ban chỉ đạo (giám sát)",
        [Roles.Admin] = "Quản trị hệ thống",
        [Roles.Citizen] = "Công dân",
    };

    /// <summary>Roles the actor may hand out: a leader staffs the counter and the specialists; an administrator anyone.</summary>
    public static string[] AssignableBy(System.Security.Claims.ClaimsPrincipal actor) =>
        actor.IsInRole(Roles.Admin) ? [Roles.CounterOfficer, Roles.Specialist, Roles.CommuneLeader, Roles.Supervisor]
        : actor.IsInRole(Roles.CommuneLeader) ? [Roles.CounterOfficer, Roles.Specialist]
        : [];

    public async Task<Outcome<ApplicationUser>> CreateAsync(NewStaffInput input, System.Security.Claims.ClaimsPrincipal actor)
    {
        var errors = new List<RuleViolation>();
        if (!AssignableBy(actor).Contains(input.Role)) errors.Add(new(nameof(input.Role), "Bạn không được giao vai trò này."));

        var unit = input.UnitCode is { Length: > 0 } code
            ? await db.Units.FirstOrDefaultAsync(u => u.Code == code)
            : scope.HomeUnitId is int home ? await db.Units.FindAsync(home) : null;
        if (unit is null) errors.Add(new(nameof(input.UnitCode), "Chọn đơn vị của tài khoản."));
        else
        {
            if (!await access.MayAsync(actor, unit.Id, UnitOperations.Change)) errors.Add(new(nameof(input.UnitCode), "Bạn không quản lý đơn vị này."));
            if (!unit.IsCurrent) errors.Add(new(nameof(input.UnitCode), "Đơn vị đã hết hiệu lực."));
            var needed = input.Role == Roles.Supervisor ? new[] { UnitLevel.Province, UnitLevel.District } : [UnitLevel.Commune];
            if (!needed.Contains(unit.Level)) errors.Add(new(nameof(input.Role), "Vai trò không phù hợp với cấp của đơn vị."));
        }
        if (errors.Count > 0) return Outcome<ApplicationUser>.Invalid(errors);

        var user = new ApplicationUser
        {
            UserName = input.UserName.Trim(), FullName = input.FullName.Trim(), JobTitle = input.JobTitle?.Trim(),
            UnitId = unit!.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        // The account and its role are saved together or not at all.
        await using var tx = await db.Database.BeginWorkAsync();
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded) return Outcome<ApplicationUser>.Invalid(ToViolations(created));
        var role = await users.AddToRoleAsync(user, input.Role);
        if (!role.Succeeded) return Outcome<ApplicationUser>.Invalid(ToViolations(role));
        await tx.CommitAsync();
        return Outcome<ApplicationUser>.Success(user);
    }

    public async Task<Outcome<ApplicationUser>> SetLockedAsync(string userName, bool locked, System.Security.Claims.ClaimsPrincipal actor)
    {
        var user = await db.Users.InScope(scope).FirstOrDefaultAsync(u => u.UserName == userName);
        if (user is null) return Outcome<ApplicationUser>.NotFound();
        if (AssignableBy(actor).Length == 0 || !await access.MayAsync(actor, user.UnitId!.Value, UnitOperations.Change))
            return Outcome<ApplicationUser>.Invalid([new("UserName", "Bạn không quản lý tài khoản này.")]);
        if (user.Id == users.GetUserId(actor))
            return Outcome<ApplicationUser>.Invalid([new("UserName", "Không thể tự khóa tài khoản của mình.")]);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        // A new security stamp ends every session of the account at its next request (the validator checks on each one).
        if (locked) await users.UpdateSecurityStampAsync(user);
        return Outcome<ApplicationUser>.Success(user);
    }

    public static List<RuleViolation> ToViolations(IdentityResult result) =>
        result.Errors.Select(e => new RuleViolation(e.Code.StartsWith("Password") ? "Password" : e.Code.Contains("UserName") ? "UserName" : "", e.Description)).ToList();
}
