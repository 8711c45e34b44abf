using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// How long a figures bucket lasts: one local day, one calendar month or one calendar year (the month's or year's first day
/// is its key).
/// </summary>
public enum FigureSpan { Day = 1, Month = 2, Year = 3 }

/// <summary>A row of a dashboard's figures: a unit's counts over one day, one month or one year.</summary>
public interface IDayBucket : IUnitOwned
{
    FigureSpan Span { get; }
    DateOnly Day { get; }
}

/// <summary>
/// The satisfaction indices' counts of one unit over one day, month or year, in one slice: the unit's whole ("" ), one
/// official ("o:" + user id) or one procedure ("p:" + code). Written only by <c>SatisfactionFeeder</c> (in the same
/// transaction as the ratings, follow-ups and dossier ends it counts) and rebuilt from those facts by
/// <c>rebuild-figures</c>; the dashboards read these rows instead of the facts, so they cost the same whatever the history.
/// Dossier counts (Decision 766) are kept in the whole and per procedure only: a dossier is not one official's.
/// </summary>
public class SatisfactionDayFigures : IDayBucket
{
    public int UnitId { get; set; }
    public FigureSpan Span { get; set; }
    /// <summary>The local (Vietnam) day, or the first day of the month or of the year.</summary>
    public DateOnly Day { get; set; }
    [NotPersonal]
    public string Slice { get; set; } = "";
    /// <summary>The official's or procedure's name when the slice was first counted ("" for the whole).</summary>
    [NotPersonal]
    public string? Label { get; set; }

    public int Ratings { get; set; }
    public int Level1 { get; set; }
    public int Level2 { get; set; }
    public int Level3 { get; set; }
    public int Level4 { get; set; }
    public int Level5 { get; set; }
    public int Yes01 { get; set; }
    public int Yes02 { get; set; }
    public int Yes03 { get; set; }
    public int Yes04 { get; set; }
    public int Yes05 { get; set; }
    public int Yes06 { get; set; }
    public int Yes07 { get; set; }
    public int Yes08 { get; set; }
    public int Yes09 { get; set; }
    public int Yes10 { get; set; }
    public int Yes11 { get; set; }
    public int Yes12 { get; set; }
    public int No01 { get; set; }
    public int No02 { get; set; }
    public int No03 { get; set; }
    public int No04 { get; set; }
    public int No05 { get; set; }
    public int No06 { get; set; }
    public int No07 { get; set; }
    public int No08 { get; set; }
    public int No09 { get; set; }
    public int No10 { get; set; }
    public int No11 { get; set; }
    public int No12 { get; set; }
    public int FollowUps { get; set; }
    public int OpenFollowUps { get; set; }
    public int Ended { get; set; }
    public int Late { get; set; }
    public int Dissatisfied { get; set; }

    /// <summary>The counter columns, in the order of <see cref="Counts"/>.</summary>
    public static readonly string[] Counters =
    [
        nameof(Ratings), nameof(Level1), nameof(Level2), nameof(Level3), nameof(Level4), nameof(Level5),
        .. Enumerable.Range(1, 12).Select(i => $"Yes{i:00}"), .. Enumerable.Range(1, 12).Select(i => $"No{i:00}"),
        nameof(FollowUps), nameof(OpenFollowUps), nameof(Ended), nameof(Late), nameof(Dissatisfied),
    ];

    public int[] Counts() =>
    [
        Ratings, Level1, Level2, Level3, Level4, Level5,
        Yes01, Yes02, Yes03, Yes04, Yes05, Yes06, Yes07, Yes08, Yes09, Yes10, Yes11, Yes12,
        No01, No02, No03, No04, No05, No06, No07, No08, No09, No10, No11, No12,
        FollowUps, OpenFollowUps, Ended, Late, Dissatisfied,
    ];
}

/// <summary>The counts of <see cref="SatisfactionDayFigures"/> as one vector, added up and turned into the indices.</summary>
public sealed class FigureCounts
{
    public const int Ratings = 0, Level = 1, Yes = 6, No = 18, FollowUps = 30, OpenFollowUps = 31, Ended = 32, Late = 33, Dissatisfied = 34, Length = 35;

    public int[] Values { get; } = new int[Length];

    /// <summary>Adds <paramref name="other"/> (times <paramref name="sign"/>: -1 takes a bucket away again).</summary>
    public FigureCounts Add(int[] other, int sign = 1)
    {
        for (var i = 0; i < Length; i++) Values[i] += sign * other[i];
        return this;
    }

    /// <summary>One rating's counts: its level and its answers to the twelve points of the code.</summary>
    public static int[] OfRating(SatisfactionLevel overall, string code)
    {
        var v = new int[Length];
        v[Ratings] = 1;
        v[Level + (int)overall - 1] = 1;
        for (var i = 0; i < OfficialsCode.Points.Count && i < code.Length; i++)
        {
            if (code[i] - '0' == (int)CodeAnswer.Yes) v[Yes + i] = 1;
            else if (code[i] - '0' == (int)CodeAnswer.No) v[No + i] = 1;
        }
        return v;
    }

    /// <summary>One follow-up's counts: opened, and open or not.</summary>
    public static int[] OfFollowUp(FollowUpStatus status)
    {
        var v = One(FollowUps);
        v[OpenFollowUps] = FollowUpStatuses.IsOpen(status) ? 1 : 0;
        return v;
    }

    public static int[] One(int index, int amount = 1)
    {
        var v = new int[Length];
        v[index] = amount;
        return v;
    }

    /// <summary>Every index of docs/indices.md from the counts, as <see cref="SatisfactionReports.Figures"/> gives it from the facts.</summary>
    public IndexFigures Figures()
    {
        var v = Values;
        var ratings = v[Ratings];
        decimal? Percent(int part, int whole) => whole == 0 ? null : SatisfactionIndices.Percent(part, whole);
        var satisfied = v[Level + 3] + v[Level + 4];
        decimal? score = ratings == 0 ? null
            : Math.Round(Enumerable.Range(0, 5).Sum(l => v[Level + l] * l * 25m) / ratings, 2, MidpointRounding.AwayFromZero);
        var code = Enumerable.Range(0, OfficialsCode.Points.Count).Select(i => Percent(v[Yes + i], v[Yes + i] + v[No + i])).ToList();
        var yes = Enumerable.Range(0, 12).Sum(i => v[Yes + i]);
        var no = Enumerable.Range(0, 12).Sum(i => v[No + i]);
        return new IndexFigures(ratings, Percent(satisfied, ratings), score, code, v[FollowUps], v[OpenFollowUps],
            v[Ended], v[Late], v[Dissatisfied], SatisfactionIndices.Decision766Satisfaction(v[Ended], v[Late], v[Dissatisfied]))
        {
            CodeOverall = Percent(yes, yes + no),
        };
    }
}

public sealed class SatisfactionDayFiguresConfiguration : IEntityTypeConfiguration<SatisfactionDayFigures>
{
    public void Configure(EntityTypeBuilder<SatisfactionDayFigures> e)
    {
        // Unit first: every read is one unit's (or a subtree's) span of days.
        e.HasKey(x => new { x.UnitId, x.Span, x.Day, x.Slice });
        // A province's or the nation's period: the buckets of those days across every unit, without scanning the history
        // (measured on 150 communes: 21 ms by sequential scan, 1.8 ms by this index, and the scan grows with the years kept).
        e.HasIndex(x => new { x.Span, x.Day, x.Slice });
        e.Property(x => x.Slice).HasMaxLength(480);
        e.Property(x => x.Label).HasMaxLength(500);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
