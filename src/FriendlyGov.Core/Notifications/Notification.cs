using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// One message to one person about one event: written to this outbox in the transaction of the event, sent later by the
/// dispatcher, and kept as the delivery log. The key (event, channel, recipient) is unique, so an event never makes two
/// messages for the same person, however often its save is retried.
/// </summary>
public class Notification : IUnitOwned
{
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>What caused it: "d:{code}:{action}:{ticks}", "p:{code}:…", "digest:{user}:{day}"…</summary>
    [NotPersonal]
    public required string EventKey { get; set; }
    public NotificationMoment Moment { get; set; }
    public NotificationChannel Channel { get; set; }
    /// <summary>The e-mail address or phone number (personal data: masked in the log for anyone outside the commune).</summary>
    [Personal]
    public required string Recipient { get; set; }
    /// <summary>"vi" or "en": the language the citizen used when they chose to be told.</summary>
    [NotPersonal]
    public string Language { get; set; } = "vi";
    [NotPersonal]
    public string? DossierCode { get; set; }
    [NotPersonal]
    public string? PetitionCode { get; set; }
    /// <summary>The official a staff message is for.</summary>
    [NotPersonal]
    public string? UserId { get; set; }
    /// <summary>The values of the template's placeholders, as JSON (may hold a petition's answer: personal).</summary>
    [Personal]
    public string Data { get; set; } = "{}";
    /// <summary>What was sent, rendered from the province's template at the first attempt.</summary>
    [Personal]
    public string? Subject { get; set; }
    [Personal]
    public string? Body { get; set; }
    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>While an instance sends it: another instance leaves it alone until then.</summary>
    public DateTime? LeaseUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    /// <summary>The provider's id of the message (SMSID, msg_id, Message-ID), which its delivery reports name.</summary>
    [NotPersonal]
    public string? ProviderMessageId { get; set; }
    [NotPersonal]
    public string? LastError { get; set; }
}

/// <summary>One try to hand a message to its channel, and what the provider answered.</summary>
public class NotificationAttempt : IUnitOwned
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public Guid NotificationId { get; set; }
    public DateTime At { get; set; }
    public bool Succeeded { get; set; }
    /// <summary>The provider's answer (its code and message), never the message or the recipient.</summary>
    [NotPersonal]
    public required string Answer { get; set; }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.HasIndex(n => new { n.EventKey, n.Channel, n.Recipient }).IsUnique();
        e.HasIndex(n => new { n.Status, n.NextAttemptAt });
        e.HasIndex(n => new { n.UnitId, n.CreatedAt });
        e.HasIndex(n => n.DossierCode);
        e.HasIndex(n => n.PetitionCode);
        e.HasIndex(n => n.ProviderMessageId);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(n => n.EventKey).HasMaxLength(160);
        e.Property(n => n.Recipient).HasMaxLength(256);
        e.Property(n => n.Language).HasMaxLength(5);
        e.Property(n => n.DossierCode).HasMaxLength(60);
        e.Property(n => n.PetitionCode).HasMaxLength(60);
        e.Property(n => n.UserId).HasMaxLength(450);
        e.Property(n => n.Data).HasMaxLength(12000);
        e.Property(n => n.Subject).HasMaxLength(300);
        e.Property(n => n.Body).HasMaxLength(12000);
        e.Property(n => n.ProviderMessageId).HasMaxLength(200);
        e.Property(n => n.LastError).HasMaxLength(500);
    }
}

public sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttempt>
{
    public void Configure(EntityTypeBuilder<NotificationAttempt> e)
    {
        e.HasIndex(a => a.NotificationId);
        e.HasOne<Notification>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Cascade);
        e.Property(a => a.Answer).HasMaxLength(1000);
    }
}

/// <summary>
/// A province's own wording of a moment on a channel and in a language (the built-in text otherwise). For Zalo the text is
/// the summary kept in the log; what is sent is the template registered with Zalo (its id) and the placeholders' values.
/// </summary>
public class NotificationTemplate : IUnitOwned
{
    public int Id { get; set; }
    /// <summary>The province.</summary>
    public int UnitId { get; set; }
    public NotificationMoment Moment { get; set; }
    public NotificationChannel Channel { get; set; }
    [NotPersonal]
    public string Language { get; set; } = "vi";
    [NotPersonal]
    public string? Subject { get; set; }
    [NotPersonal]
    public required string Body { get; set; }
    /// <summary>Zalo ZNS: the template id Zalo approved for this moment.</summary>
    [NotPersonal]
    public string? ProviderTemplateId { get; set; }
    [NotPersonal]
    public string? UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> e)
    {
        e.HasIndex(t => new { t.UnitId, t.Moment, t.Channel, t.Language }).IsUnique();
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(t => t.Language).HasMaxLength(5);
        e.Property(t => t.Subject).HasMaxLength(300);
        e.Property(t => t.Body).HasMaxLength(4000);
        e.Property(t => t.ProviderTemplateId).HasMaxLength(60);
        e.Property(t => t.UpdatedBy).HasMaxLength(256);
        e.Property(t => t.Version).IsConcurrencyToken();
    }
}
