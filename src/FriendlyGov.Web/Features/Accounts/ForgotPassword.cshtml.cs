using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Quên mật khẩu: the citizen gives their phone, receives a code, and sets a new password with it (<see cref="PasswordCodes"/>).
/// The page answers the same whether or not the phone has an account. Posts count with the citizens' other submissions.
/// </summary>
[EnableRateLimiting(ClientLimits.CitizenSubmissions)]
public sealed class ForgotPasswordModel(PasswordCodes codes) : PageModel
{
    public sealed class AskInput
    {
        [Required(ErrorMessage = "Nhập số điện thoại của tài khoản.")]
        [Display(Name = "Số điện thoại")]
        public string Phone { get; set; } = "";
    }

    public sealed class ResetInput
    {
        public string Phone { get; set; } = "";

        [Required(ErrorMessage = "Nhập mã xác nhận.")]
        [StringLength(12, ErrorMessage = "Mã xác nhận gồm 6 chữ số.")]
        [Display(Name = "Mã xác nhận")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu mới.")]
        [StringLength(100, ErrorMessage = "Mật khẩu tối đa 100 ký tự.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mật khẩu mới")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Mật khẩu nhập lại không khớp.")]
        [Display(Name = "Nhập lại mật khẩu mới")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty] public AskInput Ask { get; set; } = new();
    [BindProperty] public ResetInput Reset { get; set; } = new();
    /// <summary>The second step: the code was asked for (or the reset refused), the phone carried in the form.</summary>
    public bool CodeStep { get; private set; }
    public bool Available => codes.Available;
    public int ValidMinutes => PasswordCodes.ValidMinutes;

    public void OnGet() { }

    public async Task<IActionResult> OnPostSendAsync()
    {
        ModelState.Clear();
        var phone = InputRules.Phone(Ask.Phone);
        if (!this.ValidForm(nameof(Ask), Ask)) return Refused();
        if (phone is null || !InputRules.IsPhone(phone))
        {
            ModelState.AddModelError("Ask.Phone", "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678).");
            return Refused();
        }
        await codes.SendAsync(phone, HttpContext.RequestAborted);
        (CodeStep, Reset) = (true, new ResetInput { Phone = phone });
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        ModelState.Clear();
        CodeStep = true;
        var phone = InputRules.Phone(Reset.Phone);
        if (!this.ValidForm(nameof(Reset), Reset)) return Refused();
        if (phone is null || !InputRules.IsPhone(phone)) return Restart();
        var outcome = await codes.ResetAsync(HttpContext, phone, Reset.Code, Reset.Password);
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors, nameof(Reset));
            return Refused();
        }
        this.Notice("Đã đặt mật khẩu mới. Mời bạn đăng nhập.");
        return Redirect("/dang-nhap");
    }

    private IActionResult Restart()
    {
        CodeStep = false;
        ModelState.AddModelError("Ask.Phone", "Nhập lại số điện thoại để nhận mã mới.");
        return Refused();
    }

    private IActionResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
