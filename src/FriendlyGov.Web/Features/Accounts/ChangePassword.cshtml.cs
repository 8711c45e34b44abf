using FriendlyGov.Web.Shared;
using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Accounts;

[Authorize]
public sealed class ChangePasswordModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Nhập mật khẩu hiện tại.")]
        [DataType(DataType.Password)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu mới.")]
        [DataType(DataType.Password)]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "Hai lần nhập mật khẩu mới không khớp.")]
        [DataType(DataType.Password)]
        public string Confirm { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.Current" : "Input.New", e.Description);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        this.Notice("Đã đổi mật khẩu.");
        return RedirectToPage();
    }
}
