using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// Một nội dung công khai on the commune's electronic notice board. A correction is a new row (Number + 1, PreviousId) and the
/// old one, once the correction is posted, stays visible as superseded. Taking down early needs a reason and keeps the row.
/// </summary>
public partial class Disclosure : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public DisclosureCategory Category { get; set; }
    [NotPersonal]
    public required string Title { get; set; }
    [NotPersonal]
    public string? DocumentNumber { get; set; }
    public DateOnly? DocumentDate { get; set; }
    [NotPersonal]
    public required string Summary { get; set; }
    /// <summary>Diacritic-free words of title, number and summary, for the public search.</summary>
    [NotPersonal]
    public string SearchText { get; set; } = "";
    public int PostingDays { get; set; }
    public DateOnly? PostedOn { get; private set; }
    [NotPersonal]
    public string? PostedBy { get; private set; }
    public DateTime? TakenDownAt { get; private set; }
    [NotPersonal]
    public string? TakeDownReason { get; private set; }
    [NotPersonal]
    public string? TakenDownBy { get; private set; }
    public DateTime? ArchivedAt { get; private set; }
    /// <summary>1 for the first text; each correction adds one.</summary>
    public int Number { get; set; } = 1;
    public int? PreviousId { get; set; }
    public int? SupersededById { get; private set; }
    /// <summary>A table imported from Excel (budget figures): JSON, the first row the header.</summary>
    [NotPersonal]
    public string? TableJson { get; set; }
    public DateTime CreatedAt { get; set; }
    [NotPersonal]
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
}

public sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> e)
    {
        e.HasIndex(x => new { x.UnitId, x.Category, x.PostedOn });
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Disclosure>().WithMany().HasForeignKey(x => x.PreviousId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.DocumentNumber).HasMaxLength(50);
        e.Property(x => x.Summary).HasMaxLength(8000);
        e.Property(x => x.SearchText).HasMaxLength(9000);
        e.Property(x => x.PostedBy).HasMaxLength(256);
        e.Property(x => x.TakeDownReason).HasMaxLength(1000);
        e.Property(x => x.TakenDownBy).HasMaxLength(256);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
