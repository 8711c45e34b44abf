using FriendlyGov.Core.Data;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>Gửi phản ánh, kiến nghị: phone-first, no account, no JavaScript needed; the sender gets a code and a private link.</summary>
[EnableRateLimiting(Shared.ClientLimits.CitizenSubmissions)]
[RequestSizeLimit(Photos.MaxCount * Photos.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = Photos.MaxCount * Photos.MaxBytes + 1024 * 1024)]
public sealed class SubmitModel(Notifications.ChannelDirectory channels, AppDbContext db, PetitionCatalog catalog, SubmitPetition submit, Microsoft.Extensions.Options.IOptions<Core.Domain.PetitionDeadlines> deadlines,
    Microsoft.AspNetCore.Identity.UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty] public PetitionInput Input { get; set; } = new();
    public AdministrativeUnit Unit { get; private set; } = null!;
    public PetitionFormView Form { get; private set; } = null!;
    public string AnswerDays => deadlines.Value.AnswerDays.ToString("0.#");

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (!await LoadAsync(code)) return NotFound();
        // A signed-in citizen's name and contact are filled in from the account; they may still change them.
        if (User.IsInRole(Roles.Citizen) && await users.GetUserAsync(User) is { } me)
            (Input.SenderName, Input.SenderPhone, Input.SenderEmail) = (me.FullName, me.PhoneNumber ?? me.UserName, me.Email);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (!await LoadAsync(code)) return NotFound();
        if (this.RefuseUnreadableValues("Input")) return Page();
        ReadCoordinates(Request, Input);
        var outcome = await submit.HandleAsync(Unit, Input, await ReadPhotosAsync(Request),
            User.IsInRole(Roles.Citizen) ? PetitionOrigin.Public with { CitizenUserId = users.GetUserId(User) } : PetitionOrigin.Public);
        if (!outcome.Ok)
        {
            ModelState.AddTo(outcome.Errors);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/phan-anh/{outcome.Value!.TrackingKey}?moi=true");
    }

    /// <summary>The map point as typed (see <see cref="Coordinates.Read"/>).</summary>
    public static void ReadCoordinates(HttpRequest request, PetitionInput input) =>
        (input.Latitude, input.Longitude) = Coordinates.Read(request);

    public static async Task<List<PhotoUpload>> ReadPhotosAsync(HttpRequest request)
    {
        var list = new List<PhotoUpload>();
        if (!request.HasFormContentType) return list;
        foreach (var file in request.Form.Files.Where(f => f.Name == "photos" && f.Length > 0).Take(Photos.MaxCount + 1))
        {
            using var ms = new MemoryStream();
            await file.OpenReadStream().CopyToAsync(ms);
            list.Add(new PhotoUpload(file.FileName, ms.ToArray()));
        }
        return list;
    }

    private async Task<bool> LoadAsync(string code)
    {
        if (await db.CommuneByCodeAsync(code) is not { } unit || !unit.IsCurrent) return false;
        Unit = unit;
        Form = new PetitionFormView(Input, await catalog.CategoriesAsync(unit.Id), await catalog.VillagesAsync(unit.Id), Staff: false,
            [.. (await channels.ForUnitAsync(unit.Id)).Available()]);
        return true;
    }
}
