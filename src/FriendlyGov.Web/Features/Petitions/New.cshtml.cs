using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>An official records a petition received at the counter, by the hotline, or raised at a village meeting or a meeting with voters.</summary>
[Authorize(Policy = Policies.CommuneStaff)]
[RequestSizeLimit(Photos.MaxCount * Photos.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = Photos.MaxCount * Photos.MaxBytes + 1024 * 1024)]
public sealed class NewModel(Notifications.ChannelDirectory channels, AppDbContext db, PetitionCatalog catalog, SubmitPetition submit) : PageModel
{
    [BindProperty] public PetitionInput Input { get; set; } = new();
    public PetitionFormView Form { get; private set; } = null!;
    public AdministrativeUnit Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (this.RefuseUnreadableValues("Input")) return Page();
        SubmitModel.ReadCoordinates(Request, Input);
        var outcome = await submit.HandleAsync(Unit, Input, await SubmitModel.ReadPhotosAsync(Request), new PetitionOrigin(ByStaff: true));
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/can-bo/phan-anh/{outcome.Value!.Code}?moi=true");
    }

    private async Task<bool> LoadAsync()
    {
        if (User.UnitId() is not int id || await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id) is not { } unit) return false;
        Unit = unit;
        Form = new PetitionFormView(Input, await catalog.CategoriesAsync(unit.Id), await catalog.VillagesAsync(unit.Id), Staff: true,
            [.. (await channels.ForUnitAsync(unit.Id)).Available()]);
        return true;
    }
}
