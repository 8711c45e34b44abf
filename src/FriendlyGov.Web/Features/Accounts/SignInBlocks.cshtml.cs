using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>The administrator's view of failed sign-ins: addresses and accounts held back or blocked, and the way to lift them.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SignInBlocksModel(SignInGuard guard) : PageModel
{
    public List<ThrottleRow> Rows { get; private set; } = [];
    /// <summary>An account to look for: its counter is kept under a fingerprint of its name, shown here beside it.</summary>
    [BindProperty(SupportsGet = true, Name = "tai-khoan")] public string? Account { get; set; }
    public string? AccountSubject { get; private set; }

    public async Task OnGetAsync()
    {
        Rows = await guard.ListAsync();
        if (InputRules.Blank(Account) is { } a) AccountSubject = guard.AccountSubject(a);
    }

    public async Task<IActionResult> OnPostLiftAsync(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 300) return BadRequest();
        if (!await guard.LiftAsync(key)) return NotFound();
        this.Notice("Đã gỡ giới hạn đăng nhập.");
        return RedirectToPage();
    }

    public static string KindName(string kind) => kind switch
    {
        "ip" => "Địa chỉ truy cập", "user" => "Tài khoản (thiết bị lạ)", _ => "Tài khoản trên một thiết bị",
    };
}
