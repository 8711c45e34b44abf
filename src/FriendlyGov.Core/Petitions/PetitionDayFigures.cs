using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// The "Dân vận khéo" counts of one unit's petitions submitted on one local day, in one month or in one year, in one slice: the unit's
/// whole (""), one field ("c:" + field name), one village ("v:" + village name) or the petitions with no village ("n:").
/// Written only by <c>PetitionFeeder</c> in the same transaction as the petitions (each change takes the petition's old
/// contribution out and puts its new one in) and rebuilt from them by <c>rebuild-figures</c>. A transferred-out record
/// counts nowhere: the petition counts where it went. Overdue is not kept: it depends on the hour, and is counted from the
/// open petitions (a backlog, not the history).
/// </summary>
public class PetitionDayFigures : IDayBucket
{
    public int UnitId { get; set; }
    public FigureSpan Span { get; set; }
    /// <summary>The local (Vietnam) day of submission, or the first day of its month or of its year.</summary>
    public DateOnly Day { get; set; }
    [NotPersonal]
    public string Slice { get; set; } = "";

    public int Total { get; set; }
    public int Open { get; set; }
    public int Answered { get; set; }
    public int AnsweredOnTime { get; set; }
    public int Confirmed { get; set; }
    public int Satisfied { get; set; }
    public int Repeated { get; set; }

    /// <summary>The counter columns, in the order of <see cref="Counts"/>.</summary>
    public static readonly string[] Counters =
        [nameof(Total), nameof(Open), nameof(Answered), nameof(AnsweredOnTime), nameof(Confirmed), nameof(Satisfied), nameof(Repeated)];

    public int[] Counts() => [Total, Open, Answered, AnsweredOnTime, Confirmed, Satisfied, Repeated];

    public const string Whole = "";
    public const string NoVillage = "n:";
    public static string CategorySlice(string category) => "c:" + category;
    public static string VillageSlice(string? village) => village is null ? NoVillage : "v:" + village;

    /// <summary>
    /// What one petition adds to its buckets, from the values that decide it; null when it counts nowhere (transferred out).
    /// </summary>
    public static int[]? CountsOf(PetitionStatus status, DateTime? answeredAt, DateTime dueAt, bool? senderSatisfied, int? duplicateOfId) =>
        status == PetitionStatus.Transferred ? null :
        [
            1, PetitionLifecycle.IsOpen(status) ? 1 : 0, answeredAt is null ? 0 : 1, answeredAt is DateTime a && a <= dueAt ? 1 : 0,
            senderSatisfied is null ? 0 : 1, senderSatisfied == true ? 1 : 0, duplicateOfId is null ? 0 : 1,
        ];
}

public sealed class PetitionDayFiguresConfiguration : IEntityTypeConfiguration<PetitionDayFigures>
{
    public void Configure(EntityTypeBuilder<PetitionDayFigures> e)
    {
        e.ToTable("PetitionFigures");
        e.HasKey(x => new { x.UnitId, x.Span, x.Day, x.Slice });
        e.HasIndex(x => new { x.Span, x.Day, x.Slice });
        e.Property(x => x.Slice).HasMaxLength(480);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
