using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Hồ sơ thủ tục hành chính. The procedure's name and limit are copied in: a later catalog change does not rewrite history.</summary>
public partial class Dossier : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    [NotPersonal]
    public required string Code { get; set; }
    /// <summary>Random key of the public tracking link (QR on the receipt): reveals nothing and cannot be guessed.</summary>
    [Secret]
    public required string TrackingKey { get; set; }
    public int ProcedureId { get; set; }
    [NotPersonal]
    public required string ProcedureCode { get; set; }
    [NotPersonal]
    public required string ProcedureName { get; set; }
    public decimal? TimeLimitDays { get; set; }
    public DossierChannel Channel { get; set; }
    public DossierStatus Status { get; private set; }
    [Personal]
    public required string ApplicantName { get; set; }
    /// <summary>Personal data (Decree 13/2023): shown in full only to the commune's staff handling dossiers.</summary>
    [Personal]
    public required string CitizenId { get; set; }
    [Personal]
    public required string Phone { get; set; }
    [Personal]
    public required string Address { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>Appointment to return the result (UTC; shown in Vietnam time).</summary>
    public DateTime? AppointedAt { get; private set; }
    [NotPersonal]
    public string? ReceivedByName { get; set; }
    [NotPersonal]
    public string? MissingDocuments { get; set; }
    /// <summary>The documents handed in at the counter, one per line, as listed on the receipt (Mẫu 01).</summary>
    [NotPersonal]
    public string? ReceivedDocuments { get; set; }
    [NotPersonal]
    public string? RefusalReason { get; set; }
    [Personal]
    public string? CitizenUserId { get; set; }
    /// <summary>Who received the result when it was returned.</summary>
    [Personal]
    public string? ReturnedTo { get; private set; }
    /// <summary>Mẫu 04: the apology for a late dossier, its reason and the new date, drafted by the handler, approved by the leader.</summary>
    [NotPersonal]
    public string? ApologyReason { get; private set; }
    public DateTime? ApologyNewDate { get; private set; }
    [NotPersonal]
    public string? ApologyDraftedBy { get; private set; }
    [NotPersonal]
    public string? ApologyApprovedBy { get; private set; }
    public DateTime? ApologyApprovedAt { get; private set; }
    /// <summary>
    /// The official who holds the dossier at its current step (one person at a time), or null while it waits in the queue of
    /// the step's role (<see cref="Domain.DossierLifecycle.WaitingFor"/>), where anyone of that role may take it.
    /// </summary>
    [NotPersonal]
    public string? AssigneeId { get; private set; }
    /// <summary>How the applicant chose to be told of their dossier (none when null), and where: the phone above or this e-mail.</summary>
    public NotificationChannel? NotifyBy { get; set; }
    [Personal]
    public string? Email { get; set; }
    /// <summary>The language of their messages ("vi", "en"): the one they used when they chose.</summary>
    [NotPersonal]
    public string? NotifyLanguage { get; set; }
    public int Version { get; set; }
}

public sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> e)
    {
        e.HasIndex(d => d.Code).IsUnique();
        e.HasIndex(d => d.TrackingKey).IsUnique();
        e.HasIndex(d => new { d.UnitId, d.Status, d.AppointedAt });
        e.HasIndex(d => new { d.UnitId, d.ReceivedAt });
        // "Hồ sơ của tôi": a citizen's own dossiers across units, read by account. Counter intake (no account) adds nothing to it.
        e.HasIndex(d => d.CitizenUserId).HasFilter("\"CitizenUserId\" IS NOT NULL");
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        e.Property(d => d.Code).HasMaxLength(60);
        e.Property(d => d.TrackingKey).HasMaxLength(32);
        e.Property(d => d.ProcedureCode).HasMaxLength(30);
        e.Property(d => d.ProcedureName).HasMaxLength(300);
        e.Property(d => d.ApplicantName).HasMaxLength(100);
        e.Property(d => d.CitizenId).HasMaxLength(12);
        e.Property(d => d.Phone).HasMaxLength(15);
        e.Property(d => d.Address).HasMaxLength(300);
        e.Property(d => d.TimeLimitDays).HasPrecision(6, 1);
        e.Property(d => d.ReturnedTo).HasMaxLength(100);
        e.Property(d => d.ApologyReason).HasMaxLength(2000);
        e.Property(d => d.ApologyDraftedBy).HasMaxLength(256);
        e.Property(d => d.ApologyApprovedBy).HasMaxLength(256);
        e.Property(d => d.AssigneeId).HasMaxLength(450);
        e.Property(d => d.Email).HasMaxLength(256);
        e.Property(d => d.NotifyLanguage).HasMaxLength(5);
        e.HasIndex(d => new { d.UnitId, d.AssigneeId });
        e.Property(d => d.Version).IsConcurrencyToken();
    }
}
