using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// Một phiếu đánh giá: one citizen's rating, immutable once sent. Aspects are five digits (0 = not answered, 1–5 = the level of
/// <see cref="SipasAspect"/> 1–5); the code is twelve digits (0 không rõ, 1 có, 2 không) in the order of the officials' code.
/// </summary>
public class Rating : IUnitOwned, IAppendOnly
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public DateTime At { get; set; }
    public RatingSource Source { get; set; }
    public int? DossierId { get; set; }
    /// <summary>The petition whose answer the sender rated (one rating per petition).</summary>
    public int? PetitionId { get; set; }
    [NotPersonal]
    public string? ProcedureCode { get; set; }
    [NotPersonal]
    public string? ProcedureName { get; set; }
    /// <summary>The official the rating is about (the one who returned the result, the officer on duty, or the citizen's choice).</summary>
    [NotPersonal]
    public string? OfficialId { get; set; }
    [NotPersonal]
    public string? OfficialName { get; set; }
    public long? KioskSessionId { get; set; }
    /// <summary>The kiosk's own id for the rating, so a rating resent after a network drop is stored once.</summary>
    [Personal]
    public string? ClientKey { get; set; }
    public SatisfactionLevel Overall { get; set; }
    [NotPersonal]
    public string Aspects { get; set; } = "00000";
    [NotPersonal]
    public string Code { get; set; } = "000000000000";
    [Personal]
    public string? Comment { get; set; }
    [Personal]
    public string? ContactName { get; set; }
    [Personal]
    public string? ContactPhone { get; set; }
    public bool WantsReply { get; set; }
    /// <summary>SHA-256 of the client address (never the address itself), for flood checks.</summary>
    [Personal]
    public string? ClientHash { get; set; }
    /// <summary>SHA-256 of what was answered, for detecting floods of identical submissions.</summary>
    [Personal]
    public required string ContentHash { get; set; }

    public IReadOnlyList<CodeAnswer> CodeAnswers => Code.Select(c => (CodeAnswer)(c - '0')).ToList();
    public SatisfactionLevel? Aspect(SipasAspect a)
    {
        var c = Aspects[(int)a - 1];
        return c == '0' ? null : (SatisfactionLevel)(c - '0');
    }
}

public sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> e)
    {
        e.HasIndex(x => new { x.UnitId, x.At });
        e.HasIndex(x => x.DossierId).IsUnique(); // one rating per dossier (NULLs do not collide)
        // One rating per petition. No foreign key: on SQLite adding one rebuilds the table, which would drop its immutability triggers.
        e.HasIndex(x => x.PetitionId).IsUnique();
        e.HasIndex(x => new { x.KioskSessionId, x.ClientKey }).IsUnique();
        e.HasIndex(x => new { x.UnitId, x.ContentHash, x.At });
        e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<KioskSession>().WithMany().HasForeignKey(x => x.KioskSessionId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.ProcedureCode).HasMaxLength(30);
        e.Property(x => x.ProcedureName).HasMaxLength(300);
        e.Property(x => x.OfficialId).HasMaxLength(450);
        e.Property(x => x.OfficialName).HasMaxLength(100);
        e.Property(x => x.ClientKey).HasMaxLength(40);
        e.Property(x => x.Aspects).HasMaxLength(5);
        e.Property(x => x.Code).HasMaxLength(12);
        e.Property(x => x.Comment).HasMaxLength(2000);
        e.Property(x => x.ContactName).HasMaxLength(100);
        e.Property(x => x.ContactPhone).HasMaxLength(15);
        e.Property(x => x.ClientHash).HasMaxLength(64);
        e.Property(x => x.ContentHash).HasMaxLength(64);
        e.Ignore(x => x.CodeAnswers);
    }
}
