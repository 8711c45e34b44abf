using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Features.Petitions;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Accounts;

/// <summary>
/// Dữ liệu cá nhân của tôi: a citizen's rights over the data their account holds (Decree 13/2023, Law 91/2025 on personal
/// data protection): to see it, to take a copy (a JSON file), and to delete the account. Deleting ends the account and
/// unlinks its dossiers and petitions; these themselves are administrative records the commune keeps as the law on archives
/// requires, and are still followed by their receipt's link.
/// </summary>
[Authorize(Roles = Roles.Citizen)]
public sealed class MyDataModel(AppDbContext db, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    public sealed class DeleteInput
    {
        [Required(ErrorMessage = "Nhập mật khẩu để xác nhận.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mật khẩu")]
        public string Password { get; set; } = "";

        [Range(typeof(bool), "true", "true", ErrorMessage = "Đánh dấu ô xác nhận nếu bạn muốn xóa tài khoản.")]
        public bool Confirm { get; set; }
    }

    public sealed class DetailsInput
    {
        [Required(ErrorMessage = "Nhập họ và tên.")]
        [StringLength(100, ErrorMessage = "Họ và tên tối đa 100 ký tự.")]
        [Display(Name = "Họ và tên")]
        public string FullName { get; set; } = "";

        [EmailAddress(ErrorMessage = "Địa chỉ thư điện tử không hợp lệ.")]
        [StringLength(256, ErrorMessage = "Tối đa 256 ký tự.")]
        [Display(Name = "Thư điện tử")]
        public string? Email { get; set; }
    }

    [BindProperty] public DeleteInput Delete { get; set; } = new();
    [BindProperty] public DetailsInput Details { get; set; } = new();
    /// <summary>Which form a refused post came from, so that its errors show beside it.</summary>
    public string? Refusing { get; private set; }
    public ApplicationUser Account { get; private set; } = null!;
    public int DossierCount { get; private set; }
    public int PetitionCount { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Details = new() { FullName = Account.FullName, Email = Account.Email };
        return Page();
    }

    /// <summary>The right to correct: the account's name and e-mail. The phone is the sign-in name and stays.</summary>
    public async Task<IActionResult> OnPostDetailsAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!this.ValidForm(nameof(Details), Details)) return Refused(nameof(Details));
        Account.FullName = Details.FullName.Trim();
        var email = InputRules.Blank(Details.Email);
        // SetEmailAsync saves the name with it, normalises the address and marks it unconfirmed.
        var result = email != Account.Email ? await users.SetEmailAsync(Account, email) : await users.UpdateAsync(Account);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            return Refused(nameof(Details));
        }
        await signIn.RefreshSignInAsync(Account); // the name shown at the top comes from the sign-in
        this.Notice("Đã lưu thông tin tài khoản.");
        return RedirectToPage();
    }

    /// <summary>Everything the account holds, as one JSON file the citizen keeps or takes elsewhere.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await LoadAsync()) return Challenge();
        var ct = HttpContext.RequestAborted;
        var dossiers = await Mine().AsNoTracking().OrderBy(d => d.ReceivedAt).ToListAsync(ct);
        var petitions = await MyPetitionsModel.Mine(db, Account.Id).AsNoTracking().OrderBy(p => p.SubmittedAt).ToListAsync(ct);
        var communes = await db.UnitNamesAsync(dossiers.Select(d => d.UnitId).Concat(petitions.Select(p => p.UnitId)), ct);
        var reads = await Readings.OfEachAsync<Dossier>(db, [.. dossiers.Select(d => d.Id)], ct);
        var petitionReads = await Readings.OfEachAsync<Petition>(db, [.. petitions.Select(p => p.Id)], ct);
        static object ReadBy(List<Readings.ReadView> list) => list.Select(r => new
        {
            at = r.At, official = r.Official, role = Readings.RoleName(r.Role), what = Readings.WhatName(r.What), inFull = r.InFull,
        });
        var export = new
        {
            exportedAt = DateTime.UtcNow,
            about = "Dữ liệu cá nhân FriendlyGov lưu cho tài khoản này: thông tin tài khoản, các hồ sơ bạn nộp và các phản ánh bạn gửi "
                + "khi đăng nhập, với thông tin người nộp, người gửi như đã ghi nhận, và những lần cán bộ đã xem từng hồ sơ, phản ánh.",
            account = new { fullName = Account.FullName, phone = Account.UserName, phoneConfirmed = Account.PhoneNumberConfirmed, email = Account.Email, createdAt = Account.CreatedAt },
            dossiers = dossiers.Select(d => new
            {
                code = d.Code, procedure = d.ProcedureName, commune = communes.GetValueOrDefault(d.UnitId), channel = d.Channel.ToString(),
                receivedAt = d.ReceivedAt, appointedAt = d.AppointedAt, status = DossierLifecycle.VietnameseName(d.Status),
                applicant = new { name = d.ApplicantName, citizenId = d.CitizenId, phone = d.Phone, address = d.Address, email = d.Email },
                notifyBy = d.NotifyBy?.ToString(), trackingUrl = DossiersSetup.TrackingUrl(Request, d.TrackingKey),
                readBy = ReadBy(reads[d.Id]),
            }),
            petitions = petitions.Select(p => new
            {
                code = p.Code, title = p.Title, content = p.Content, category = p.CategoryName, unit = communes.GetValueOrDefault(p.UnitId),
                submittedAt = p.SubmittedAt, status = PetitionLifecycle.VietnameseName(p.Status), answer = p.Answer, answeredAt = p.AnsweredAt,
                sender = new { name = p.SenderName, phone = p.SenderPhone, email = p.SenderEmail, address = p.SenderAddress, showName = p.ShowName },
                place = p.Place, notifyBy = p.NotifyBy?.ToString(), trackingUrl = PetitionsSetup.TrackingUrl(Request, p.TrackingKey),
                readBy = ReadBy(petitionReads[p.Id]),
            }),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        Response.Headers.CacheControl = "no-store";
        return File(json, "application/json; charset=utf-8", $"du-lieu-ca-nhan-{VietnamTime.FromUtc(DateTime.UtcNow):yyyyMMdd}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Details = new() { FullName = Account.FullName, Email = Account.Email };
        if (!this.ValidForm(nameof(Delete), Delete)) return Refused(nameof(Delete));
        // The password proves it is the citizen at the keyboard; failures count towards the account's lock-out.
        var check = await signIn.CheckPasswordSignInAsync(Account, Delete.Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError("Delete.Password", check.IsLockedOut
                ? "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; vui lòng thử lại sau."
                : "Mật khẩu không đúng.");
            return Refused(nameof(Delete));
        }
        var strategy = db.Database.CreateExecutionStrategy();
        var deleted = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync();
            // The dossiers and petitions stay with their units (administrative records); only their link to the account goes,
            // the records a sending unit kept after a transfer included.
            foreach (var d in await Mine().ToListAsync()) d.CitizenUserId = null;
            foreach (var p in await db.Petitions.IgnoreQueryFilters([AppDbContext.UnitFilter]).Where(p => p.CitizenUserId == Account.Id).ToListAsync())
                p.CitizenUserId = null;
            await db.SaveChangesAsync();
            var account = await users.FindByIdAsync(Account.Id);
            if (account is null || !(await users.DeleteAsync(account)).Succeeded) return false;
            await tx.CommitAsync();
            return true;
        });
        if (!deleted)
        {
            ModelState.AddModelError("", "Chưa xóa được tài khoản; vui lòng thử lại.");
            return Refused(nameof(Delete));
        }
        await signIn.SignOutAsync();
        this.Notice("Đã xóa tài khoản. Các hồ sơ bạn đã nộp vẫn được xã lưu giữ theo quy định và tra cứu được bằng phiếu hẹn.");
        return Redirect("/");
    }

    private IActionResult Refused(string form)
    {
        Refusing = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The account's own dossiers, in whichever commune: the tenant filter is for staff, this query is bound to the account.</summary>
    private IQueryable<Dossier> Mine() => db.Dossiers.IgnoreQueryFilters([AppDbContext.UnitFilter]).Where(d => d.CitizenUserId == Account.Id);

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } account) return false;
        Account = account;
        DossierCount = await Mine().CountAsync();
        PetitionCount = await MyPetitionsModel.Mine(db, account.Id).CountAsync();
        return true;
    }
}
