using FriendlyGov.Core.Domain;
using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>A citizen's optional account: it gathers their dossiers and petitions; nothing requires it.</summary>
public sealed class RegisterModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Nhập họ và tên.")]
        [StringLength(100, ErrorMessage = "Họ và tên tối đa 100 ký tự.")]
        [Display(Name = "Họ và tên")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Nhập số điện thoại di động.")]
        [RegularExpression(@"^0[35789]\d{8}$", ErrorMessage = "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.")]
        [Display(Name = "Số điện thoại (dùng để đăng nhập)")]
        public string Phone { get; set => field = Core.Domain.InputRules.Phone(value) ?? ""; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mật khẩu")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Nhập lại mật khẩu.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Hai lần nhập mật khẩu không khớp.")]
        [Display(Name = "Nhập lại mật khẩu")]
        public string ConfirmPassword { get; set; } = "";

        [Range(typeof(bool), "true", "true", ErrorMessage = "Cần bạn đồng ý để tạo tài khoản.")]
        [Display(Name = "Tôi đồng ý để UBND xã lưu họ tên và số điện thoại của tôi để giải quyết công việc của tôi")]
        public bool Consent { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = new ApplicationUser
        {
            UserName = Input.Phone, PhoneNumber = Input.Phone, FullName = Input.FullName.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using (var tx = await db.Database.BeginWorkAsync())
        {
            var created = await users.CreateAsync(user, Input.Password);
            if (created.Succeeded) created = await users.AddToRoleAsync(user, Roles.Citizen);
            if (!created.Succeeded)
            {
                foreach (var e in created.Errors)
                    ModelState.AddModelError(e.Code.StartsWith("Password") ? "Input.Password" : e.Code.Contains("UserName") ? "Input.Phone" : "",
                        e.Code == "DuplicateUserName" ? "Số điện thoại này đã có tài khoản. Hãy đăng nhập." : e.Description);
                return Page();
            }
            await tx.CommitAsync();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Notice"] = "Đã tạo tài khoản. Chào mừng bạn!";
        return LocalRedirect("/");
    }
}
