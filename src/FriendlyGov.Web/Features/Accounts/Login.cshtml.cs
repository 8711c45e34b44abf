using FriendlyGov.Core.Domain;
using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<ApplicationUser> signIn, SignInGuard guard) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Nhập tên đăng nhập.")]
        [Display(Name = "Tên đăng nhập")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mật khẩu")]
        public string Password { get; set; } = "";

        [Display(Name = "Ghi nhớ đăng nhập trên thiết bị này")]
        public bool RememberMe { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    /// <summary>
    /// The one answer to every failure: wrong password, no such account, a locked account, a throttled attempt. Nothing in it
    /// (nor in the status, nor in the time it takes) tells which accounts exist or which are held back.
    /// </summary>
    public const string Failure =
        "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản tạm thời chưa đăng nhập được. Vui lòng kiểm tra lại, đợi ít phút rồi thử lại; nếu vẫn không được, liên hệ quản trị hệ thống.";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var name = InputRules.Phone(Input.UserName) ?? "";  // a citizen's account is their phone, typed as they write it
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var device = guard.KnownDevice(Request, name);
        if (!await guard.AllowedAsync(name, address, device))
        {
            // Held back: the password is not even looked at, and the answer is the same as for a wrong one.
            await guard.FailedAsync(name, address, device, heldBack: true);
            ModelState.AddModelError("", Failure);
            return Page();
        }
        var user = await signIn.UserManager.FindByNameAsync(name);
        // No lock-out on failure: five wrong guesses by anyone would lock an official out. The throttle above holds attackers back.
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (user is null) signIn.UserManager.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash, Input.Password); // same time as a real check
        if (!result.Succeeded)
        {
            // A locked account with the right password is still a failure, and answered as one.
            await guard.FailedAsync(name, address, device);
            ModelState.AddModelError("", Failure);
            return Page();
        }
        await guard.SucceededAsync(HttpContext, name, device);
        if (Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        // The cookie is written but this request's principal is still anonymous: load it to choose the landing page.
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        return LocalRedirect(AccountsSetup.HomeOf(principal));
    }

    private static readonly ApplicationUser Nobody = new() { FullName = "" };
    private static readonly string DummyHash = new PasswordHasher<ApplicationUser>().HashPassword(Nobody, "not-a-password-" + Guid.NewGuid());
}
