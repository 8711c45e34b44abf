using FriendlyGov.Core.Domain;

namespace FriendlyGov.Web.Features.Notifications;

/// <summary>
/// The citizen's choice of how to be told, as a form shows it: only the province's configured channels, in plain words.
/// <paramref name="EmailField"/> is the e-mail input's name when the form has none of its own.
/// </summary>
public sealed record NotifyChoice(IReadOnlyList<NotificationChannel> Available, NotificationChannel? Selected, bool Petition,
    string? EmailField = null, string? Email = null);

/// <summary>The messages of one dossier or petition, for its staff page.</summary>
public sealed record SentView(NotificationChannel? NotifyBy, IReadOnlyList<FriendlyGov.Core.Data.Notification> Items, bool InFull);
