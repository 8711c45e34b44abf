using FriendlyGov.Core.Domain;
using FriendlyGov.Core.Data;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>What the shared petition form needs: the answers so far, the commune's fields and villages, and who fills it in.</summary>
public sealed record PetitionFormView(PetitionInput Input, List<PetitionCategory> Categories, List<AdministrativeUnit> Villages, bool Staff,
    IReadOnlyList<NotificationChannel>? Channels = null);
