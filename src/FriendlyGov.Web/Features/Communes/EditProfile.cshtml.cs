using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Communes;

/// <summary>Thông tin xã: a commune's staff see their commune's public profile; its leader edits it.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
public sealed class EditProfileModel(AppDbContext db, CommuneProfiles profiles) : PageModel
{
    [BindProperty] public ProfileInput Input { get; set; } = new();
    public ProfileDto Profile { get; private set; } = null!;
    public bool CanEdit => User.IsInRole(Roles.CommuneLeader);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new ProfileInput
        {
            Address = Profile.Address, Phone = Profile.Phone, Email = Profile.Email, OfficeHours = Profile.OfficeHours,
            Introduction = Profile.Introduction, ChairpersonName = Profile.ChairpersonName, Version = Profile.Version,
            Latitude = Profile.Latitude, Longitude = Profile.Longitude, AnswersNeedApproval = Profile.AnswersNeedApproval,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!CanEdit) return Forbid();
        (Input.Latitude, Input.Longitude) = Coordinates.Read(Request);
        ModelState.Remove("Input.Latitude");
        ModelState.Remove("Input.Longitude");
        if (!ModelState.IsValid) return Page();
        var outcome = await profiles.UpdateAsync(Profile.UnitCode, Input, User);
        if (outcome.Missing) return NotFound();
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors);
            return Page();
        }
        this.Notice("Đã lưu thông tin xã.");
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        // The commune is the signed-in officer's own: nothing in the address to tamper with.
        var unitId = User.UnitId();
        var code = await db.Units.Where(u => u.Id == unitId).Select(u => u.Code).FirstOrDefaultAsync();
        if (code is null) return false;
        Profile = (await profiles.GetPublicAsync(code))!;
        return Profile is not null;
    }
}
