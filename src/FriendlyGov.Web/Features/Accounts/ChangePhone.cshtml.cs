using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Đổi số điện thoại: a citizen who changes numbers keeps their account, with its dossiers and petitions. The number is the
/// account's sign-in name, so the change asks for the password (it is the citizen at the keyboard) and for the code texted
/// to the new number (it is theirs), then tells the old number, so an owner who did not do it knows at once. Where the
/// province has no SMS, a new number cannot be proven, and the page says so.
/// </summary>
[Authorize(Roles = Roles.Citizen)]
public sealed class ChangePhoneModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, PhoneProof proof) : PageModel
{
    public sealed class AskInput
    {
        [Required(ErrorMessage = "Nhập số điện thoại mới.")]
        [RegularExpression(@"^0[35789]\d{8}$", ErrorMessage = "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.")]
        [Display(Name = "Số điện thoại mới")]
        public string Phone { get; set => field = InputRules.Phone(value) ?? ""; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu để xác nhận.")]
        [StringLength(100, ErrorMessage = "Mật khẩu tối đa 100 ký tự.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mật khẩu")]
        public string Password { get; set; } = "";
    }

    public const string Same = "Đây đã là số điện thoại của tài khoản.";
    public const string Taken = "Số điện thoại này đã có tài khoản khác.";

    [BindProperty] public AskInput Ask { get; set; } = new();
    [BindProperty] public CodeInput Confirm { get; set; } = new();
    public bool Available => proof.Available;
    public bool CodeStep { get; private set; }
    public string? SentTo { get; private set; }
    public string CurrentPhone { get; private set; } = "";
    public int ValidMinutes => PhoneProof.ValidMinutes;

    public async Task<IActionResult> OnGetAsync() => await AccountAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostSendAsync()
    {
        ModelState.Clear();
        if (await AccountAsync() is not { } account) return Challenge();
        if (!Available) return NotFound();
        if (!this.ValidForm(nameof(Ask), Ask)) return Page();
        if (Ask.Phone == account.UserName) return Refused("Ask.Phone", Same);
        if (await users.FindByNameAsync(Ask.Phone) is not null) return Refused("Ask.Phone", Taken);
        // The password proves it is the citizen at the keyboard; failures count towards the account's lock-out.
        var check = await signIn.CheckPasswordSignInAsync(account, Ask.Password, lockoutOnFailure: true);
        if (!check.Succeeded)
            return Refused("Ask.Password", check.IsLockedOut ? "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; vui lòng thử lại sau." : "Mật khẩu không đúng.");
        return await SendAsync(account, Ask.Phone);
    }

    /// <summary>The code back from the new phone: the account's number changes now.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        ModelState.Clear();
        if (await AccountAsync() is not { } account) return Challenge();
        if (OpenFor(account) is not { } pending) return StartAgain();
        (CodeStep, SentTo) = (true, pending.Phone);
        if (!this.ValidForm(nameof(Confirm), Confirm)) return Page();
        var checkedCode = await proof.CheckAsync(pending, Confirm.Code, HttpContext.RequestAborted);
        if (!checkedCode.Ok) return this.RefuseAt("Confirm.Code", checkedCode.Failure!);
        var old = account.UserName!;
        account.PhoneNumber = pending.Phone;
        account.PhoneNumberConfirmed = true;
        // One save: the sign-in name, the phone and a new security stamp, which ends the account's other sessions.
        var changed = await users.SetUserNameAsync(account, pending.Phone);
        if (!changed.Succeeded)
        {
            CodeStep = false;
            ModelState.AddModelError("Ask.Phone", changed.Errors.Any(e => e.Code == "DuplicateUserName") ? Taken : changed.Errors.First().Description);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        await proof.TellOldPhoneAsync(old, pending.Phone, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(account);
        this.Notice("Đã đổi số điện thoại đăng nhập sang {0}.", pending.Phone);
        return Redirect("/tai-khoan/du-lieu");
    }

    /// <summary>A new code to the same new number.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        if (await AccountAsync() is not { } account) return Challenge();
        if (OpenFor(account) is not { } pending) return StartAgain();
        return await SendAsync(account, pending.Phone);
    }

    private async Task<ApplicationUser?> AccountAsync()
    {
        var account = await users.GetUserAsync(User);
        CurrentPhone = account?.UserName ?? "";
        return account;
    }

    /// <summary>The change sealed in the page, if it is this account's and the account has not changed since (a new stamp).</summary>
    private PendingPhoneChange? OpenFor(ApplicationUser account) =>
        proof.OpenChange(Confirm.Pending) is { } pending && pending.UserId == account.Id && pending.SecurityStamp == (account.SecurityStamp ?? "") ? pending : null;

    private async Task<IActionResult> SendAsync(ApplicationUser account, string phone)
    {
        var sent = await proof.SendChangeAsync(account, phone, ClientLimits.ClientOf(HttpContext), HttpContext.RequestAborted);
        if (!sent.Ok)
        {
            Ask = new AskInput { Phone = phone };
            return this.RefuseAt("Ask.Phone", sent.Failure!);
        }
        (CodeStep, SentTo, Confirm) = (true, phone, new CodeInput { Pending = sent.Value! });
        return Page();
    }

    private PageResult StartAgain() => this.RefuseAt("", Failure.Rule("", PhoneProof.Expired));

    private PageResult Refused(string field, string message) => this.RefuseAt(field, Failure.Rule(field, message));
}
