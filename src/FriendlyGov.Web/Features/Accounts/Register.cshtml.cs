using FriendlyGov.Core.Domain;
using System.ComponentModel.DataAnnotations;
using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// A citizen's optional account: it gathers their dossiers and petitions; nothing requires it. Where the province has SMS, the
/// phone that is the account is proven with a code before the account exists (<see cref="PhoneProof"/>).
/// </summary>
public sealed class RegisterModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AppDbContext db, TimeProvider clock,
    PhoneProof codes) : PageModel
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

    [BindProperty] public CodeInput Confirm { get; set; } = new();

    /// <summary>The code was sent: the page asks for it.</summary>
    public bool CodeStep { get; private set; }
    /// <summary>The phone the code went to, as the citizen typed it on the first step.</summary>
    public string? SentTo { get; private set; }
    public bool ProvesPhone => codes.Available;
    public int ValidMinutes => PhoneProof.ValidMinutes;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (!this.ValidForm(nameof(Input), Input)) return Page();
        if (await users.FindByNameAsync(Input.Phone) is not null)
        {
            ModelState.AddModelError("Input.Phone", Taken);
            return Page();
        }
        var user = NewUser(Input.FullName, Input.Phone);
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, user, Input.Password) is { Succeeded: false } refused)
                foreach (var e in refused.Errors) ModelState.AddModelError("Input.Password", e.Description);
        if (!ModelState.IsValid) return Page();
        var hash = users.PasswordHasher.HashPassword(user, Input.Password);
        if (!codes.Available) return await CreateAsync(user, hash, phoneProven: false);
        return await SendAsync(user.FullName, Input.Phone, hash);
    }

    /// <summary>The code back from the phone: the account is made now, its phone proven.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        ModelState.Clear();
        if (codes.OpenRegistration(Confirm.Pending) is not { } pending) return StartAgain();
        (CodeStep, SentTo) = (true, pending.Phone);
        if (!this.ValidForm(nameof(Confirm), Confirm)) return Page();
        var checkedCode = await codes.CheckAsync(pending, Confirm.Code, HttpContext.RequestAborted);
        if (!checkedCode.Ok) return this.RefuseAt("Confirm.Code", checkedCode.Failure!);
        return await CreateAsync(NewUser(pending.FullName, pending.Phone), pending.PasswordHash, phoneProven: true);
    }

    /// <summary>A new code for the same registration (the first did not arrive, or its time ran out while the page was open).</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        if (codes.OpenRegistration(Confirm.Pending) is not { } pending) return StartAgain();
        return await SendAsync(pending.FullName, pending.Phone, pending.PasswordHash);
    }

    private const string Taken = "Số điện thoại này đã có tài khoản. Hãy đăng nhập.";

    private ApplicationUser NewUser(string fullName, string phone) => new()
    {
        UserName = phone, PhoneNumber = phone, FullName = fullName.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private async Task<IActionResult> SendAsync(string fullName, string phone, string hash)
    {
        var sent = await codes.SendRegistrationAsync(fullName, phone, hash, ClientLimits.ClientOf(HttpContext), HttpContext.RequestAborted);
        if (!sent.Ok)
        {
            Input = new InputModel { FullName = fullName, Phone = phone };
            return this.RefuseAt("Input.Phone", sent.Failure!);
        }
        (CodeStep, SentTo, Confirm) = (true, phone, new CodeInput { Pending = sent.Value! });
        return Page();
    }

    private async Task<IActionResult> CreateAsync(ApplicationUser user, string passwordHash, bool phoneProven)
    {
        user.PasswordHash = passwordHash;
        user.PhoneNumberConfirmed = phoneProven;
        await using (var tx = await db.Database.BeginWorkAsync())
        {
            var created = await users.CreateAsync(user);
            if (created.Succeeded) created = await users.AddToRoleAsync(user, Roles.Citizen);
            if (!created.Succeeded)
            {
                CodeStep = false;
                Input = new InputModel { FullName = user.FullName, Phone = user.PhoneNumber! };
                foreach (var e in created.Errors)
                    ModelState.AddModelError(e.Code.Contains("UserName") ? "Input.Phone" : "", e.Code == "DuplicateUserName" ? Taken : e.Description);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }
            await tx.CommitAsync();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        this.Notice("Đã tạo tài khoản. Chào mừng bạn!");
        return LocalRedirect("/");
    }

    /// <summary>The sealed registration was altered or is out of time: the citizen fills the form again.</summary>
    private PageResult StartAgain() => this.RefuseAt("", Failure.Rule("", PhoneProof.Expired));
}
