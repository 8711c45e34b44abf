using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<ApplicationUser> signIn) : PageModel
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", "Tài khoản đang bị tạm khóa do đăng nhập sai nhiều lần hoặc theo quyết định của quản trị. Vui lòng thử lại sau 15 phút hoặc liên hệ lãnh đạo đơn vị.");
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "Tên đăng nhập hoặc mật khẩu không đúng.");
            return Page();
        }
        if (Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        // The cookie is written but this request's principal is still anonymous: load it to choose the landing page.
        var user = await signIn.UserManager.FindByNameAsync(Input.UserName.Trim());
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        return LocalRedirect(AccountsSetup.HomeOf(principal));
    }
}
