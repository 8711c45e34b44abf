using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FriendlyGov.Web.Features.Communes;

/// <summary>The public home of a commune: who it is, where, when it receives people, its villages and its past names.</summary>
public sealed class PublicModel(UnitQueries units, CommuneProfiles profiles, Model.Commitments commitments,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public UnitDetailDto Unit { get; private set; } = null!;
    public ProfileDto Profile { get; private set; } = null!;
    /// <summary>How many serving officials signed the model's commitment, of how many: counted, never claimed.</summary>
    public (int Signed, int Officials)? Commitment { get; private set; }
    /// <summary>When the commune receives people, in the reader's language unless the commune wrote its own text.</summary>
    public string Hours { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var unit = await units.DetailAsync(code);
        if (unit is null || unit.Level != UnitLevel.Commune) return NotFound();
        Unit = unit;
        Profile = (await profiles.GetPublicAsync(code))!;
        Commitment = await commitments.PublicCommitmentAsync(code);
        var hours = await profiles.HoursAsync(code);
        Hours = Profile.OfficeHours == CommuneProfiles.DescribeHours(hours) ? CommuneProfiles.DescribeHours(hours, (f, a) => l[f, a].Value) : l[Profile.OfficeHours!].Value;
        return Page();
    }
}
