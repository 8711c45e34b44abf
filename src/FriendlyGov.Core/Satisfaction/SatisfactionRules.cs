namespace FriendlyGov.Core.Domain;

/// <summary>The five SIPAS levels, as citizens answer them.</summary>
public enum SatisfactionLevel
{
    VeryDissatisfied = 1, // Rất không hài lòng
    Dissatisfied = 2,     // Không hài lòng
    Neutral = 3,          // Bình thường
    Satisfied = 4,        // Hài lòng
    VerySatisfied = 5,    // Rất hài lòng
}

/// <summary>The aspects SIPAS asks about (Ministry of Home Affairs).</summary>
public enum SipasAspect
{
    Access = 1,      // tiếp cận dịch vụ
    Procedure = 2,   // thủ tục hành chính
    Official = 3,    // công chức trực tiếp giải quyết
    Result = 4,      // kết quả giải quyết
    Feedback = 5,    // tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị
}

public enum CodeAnswer { Unknown = 0, Yes = 1, No = 2 } // không rõ · có · không

public enum CodeGroup { FiveKnows = 5, ThreeNos = 3, FourShows = 4 } // 5 biết · 3 không · 4 thể hiện

/// <summary>One point of the officials' code: its group, a short label for forms and charts, and the seed's wording.</summary>
public sealed record CodePoint(int Number, CodeGroup Group, string Label, string Text);

/// <summary>
/// The officials' code "5 biết, 3 không, 4 thể hiện", word for word from the seed article (xã Quang Lộc, 2022).
/// Each is asked as a statement the citizen answers có / không / không rõ; for the "3 không", "có" means the official
/// kept the "không" (did not harass, did not evade, was not late).
/// </summary>
public static class OfficialsCode
{
    public static readonly IReadOnlyList<CodePoint> Points =
    [
        new(1, CodeGroup.FiveKnows, "Nghe dân nói", "Biết nghe dân nói"),
        new(2, CodeGroup.FiveKnows, "Nói dân hiểu", "Biết nói dân hiểu"),
        new(3, CodeGroup.FiveKnows, "Làm dân tin", "Biết làm dân tin"),
        new(4, CodeGroup.FiveKnows, "Biết xin lỗi", "Biết xin lỗi"),
        new(5, CodeGroup.FiveKnows, "Biết cảm ơn", "Biết cảm ơn"),
        new(6, CodeGroup.ThreeNos, "Không phiền hà, sách nhiễu", "Không phiền hà, sách nhiễu"),
        new(7, CodeGroup.ThreeNos, "Không né tránh trách nhiệm", "Không né tránh trách nhiệm"),
        new(8, CodeGroup.ThreeNos, "Không trễ hẹn", "Không trễ hẹn trong quá trình xử lý công việc"),
        new(9, CodeGroup.FourShows, "Tôn trọng trong giao tiếp", "Tôn trọng trong giao tiếp"),
        new(10, CodeGroup.FourShows, "Văn minh, lịch sự", "Văn minh, văn hóa, lịch sự trong giải quyết công việc"),
        new(11, CodeGroup.FourShows, "Lắng nghe, hướng dẫn tận tình", "Lắng nghe đầy đủ, hướng dẫn tận tình quy trình xử lý công việc"),
        new(12, CodeGroup.FourShows, "Gần gũi, giải thích cặn kẽ", "Gần gũi, giải thích cặn kẽ những thắc mắc của người dân"),
    ];

    public static string GroupName(CodeGroup g) => g switch
    {
        CodeGroup.FiveKnows => "5 biết", CodeGroup.ThreeNos => "3 không", _ => "4 thể hiện",
    };
}

public static class SatisfactionLevels
{
    public static string VietnameseName(SatisfactionLevel l) => l switch
    {
        SatisfactionLevel.VerySatisfied => "Rất hài lòng",
        SatisfactionLevel.Satisfied => "Hài lòng",
        SatisfactionLevel.Neutral => "Bình thường",
        SatisfactionLevel.Dissatisfied => "Không hài lòng",
        _ => "Rất không hài lòng",
    };

    /// <summary>"Biết xin lỗi, biết cảm ơn": a low rating, or any "không" on the code, opens a follow-up for the leader.</summary>
    public static bool NeedsFollowUp(SatisfactionLevel overall, IEnumerable<CodeAnswer> code) =>
        overall <= SatisfactionLevel.Dissatisfied || code.Any(a => a == CodeAnswer.No);
}

/// <summary>
/// The indices of docs/indices.md. Every one is a ratio over a period; an empty denominator gives null (shown "N/A"),
/// never 0 and never an error. Percentages are rounded to two decimals, as Decision 766 reports them.
/// </summary>
public static class SatisfactionIndices
{
    /// <summary>Share (%) of Hài lòng + Rất hài lòng among all overall answers.</summary>
    public static decimal? SatisfactionRate(IReadOnlyCollection<SatisfactionLevel> ratings) =>
        ratings.Count == 0 ? null : Percent(ratings.Count(r => r >= SatisfactionLevel.Satisfied), ratings.Count);

    /// <summary>0–100 score: Rất không hài lòng = 0, Không hài lòng = 25, Bình thường = 50, Hài lòng = 75, Rất hài lòng = 100, averaged.</summary>
    public static decimal? Score(IReadOnlyCollection<SatisfactionLevel> ratings) =>
        ratings.Count == 0 ? null : Math.Round(ratings.Average(r => ((int)r - 1) * 25m), 2, MidpointRounding.AwayFromZero);

    /// <summary>Compliance (%) with one point of the code: "có" among the answers that said "có" or "không" ("không rõ" is left out).</summary>
    public static decimal? CodeCompliance(IEnumerable<CodeAnswer> answers)
    {
        var known = answers.Where(a => a != CodeAnswer.Unknown).ToList();
        return known.Count == 0 ? null : Percent(known.Count(a => a == CodeAnswer.Yes), known.Count);
    }

    /// <summary>
    /// Decision 766/QĐ-TTg: 100% − (% of dossiers late + % of dossiers with a complaint or a dissatisfied rating), over the dossiers
    /// that ended in the period. A dossier both late and complained about counts in both shares, as the formula reads; the
    /// figure does not go below 0.
    /// </summary>
    public static decimal? Decision766Satisfaction(int endedDossiers, int late, int complainedOrDissatisfied)
    {
        if (endedDossiers <= 0) return null;
        if (late < 0 || complainedOrDissatisfied < 0 || late > endedDossiers || complainedOrDissatisfied > endedDossiers)
            throw new ArgumentOutOfRangeException(nameof(endedDossiers), "Counts must lie between 0 and the number of dossiers.");
        var value = 100m - (Percent(late, endedDossiers) + Percent(complainedOrDissatisfied, endedDossiers));
        return Math.Max(0m, value);
    }

    /// <summary>Decision 766's scoring: full points at or above the threshold, otherwise ratio × max ÷ threshold.</summary>
    public static decimal? Points(decimal? ratioPercent, decimal maxPoints, decimal thresholdPercent) =>
        ratioPercent is not decimal r ? null
        : r >= thresholdPercent ? maxPoints
        : Math.Round(r * maxPoints / thresholdPercent, 2, MidpointRounding.AwayFromZero);

    /// <summary>A share in percent, rounded to two decimals as Decision 766 reports it (the whole must not be 0).</summary>
    public static decimal Percent(int part, int whole) => Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);
}

/// <summary>How a report splits its figures.</summary>
public enum ReportGrouping { Commune, Official, Procedure, Month, Quarter, Year }

/// <summary>One rating as the report counts it: the group it falls in, its overall level and code answers, and its follow-up.</summary>
public sealed record RatingFact(string Key, SatisfactionLevel Overall, IReadOnlyList<CodeAnswer> Code, bool HasFollowUp, bool FollowUpOpen);

/// <summary>One dossier that ended in the period, for Decision 766: late, and/or rated Không hài lòng or below.</summary>
public sealed record DossierFact(string Key, bool Late, bool Dissatisfied);

/// <summary>The figures of one group (or of the whole period): every index of docs/indices.md, null where there is nothing to measure.</summary>
public sealed record IndexFigures(int Ratings, decimal? Rate, decimal? Score, IReadOnlyList<decimal?> Code, int FollowUps, int OpenFollowUps,
    int EndedDossiers, int LateDossiers, int DissatisfiedDossiers, decimal? Decision766)
{
    /// <summary>Compliance with the whole code: "có" among all known answers of the twelve points.</summary>
    public decimal? CodeOverall { get; init; }
}

public static class SatisfactionReports
{
    public static IndexFigures Figures(IReadOnlyCollection<RatingFact> ratings, IReadOnlyCollection<DossierFact> dossiers)
    {
        var levels = ratings.Select(r => r.Overall).ToList();
        var code = Enumerable.Range(0, OfficialsCode.Points.Count)
            .Select(i => SatisfactionIndices.CodeCompliance(ratings.Select(r => i < r.Code.Count ? r.Code[i] : CodeAnswer.Unknown))).ToList();
        return new IndexFigures(ratings.Count, SatisfactionIndices.SatisfactionRate(levels), SatisfactionIndices.Score(levels), code,
            ratings.Count(r => r.HasFollowUp), ratings.Count(r => r.FollowUpOpen),
            dossiers.Count, dossiers.Count(d => d.Late), dossiers.Count(d => d.Dissatisfied),
            SatisfactionIndices.Decision766Satisfaction(dossiers.Count, dossiers.Count(d => d.Late), dossiers.Count(d => d.Dissatisfied)))
        {
            CodeOverall = SatisfactionIndices.CodeCompliance(ratings.SelectMany(r => r.Code)),
        };
    }

    /// <summary>Figures per group key, for every key that has ratings or dossiers.</summary>
    public static Dictionary<string, IndexFigures> ByKey(IReadOnlyCollection<RatingFact> ratings, IReadOnlyCollection<DossierFact> dossiers)
    {
        var r = ratings.ToLookup(x => x.Key);
        var d = dossiers.ToLookup(x => x.Key);
        return r.Select(g => g.Key).Union(d.Select(g => g.Key))
            .ToDictionary(k => k, k => Figures(r[k].ToList(), d[k].ToList()));
    }

    /// <summary>The period key of a local date: "2026-11", "2026-Q4", "2026".</summary>
    public static string PeriodKey(DateTime local, ReportGrouping g) => g switch
    {
        ReportGrouping.Month => $"{local.Year:D4}-{local.Month:D2}",
        ReportGrouping.Quarter => $"{local.Year:D4}-Q{(local.Month - 1) / 3 + 1}",
        ReportGrouping.Year => $"{local.Year:D4}",
        _ => throw new ArgumentOutOfRangeException(nameof(g), "Not a period grouping."),
    };

    /// <summary>"Tháng 11/2026", "Quý 4/2026", "Năm 2026"; in English "11/2026", "Q4 2026", "2026".</summary>
    public static string PeriodLabel(string key)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return key.Length switch
        {
            7 when key[4] == '-' && key[5] == 'Q' => english ? $"Q{key[6]} {key[..4]}" : $"Quý {key[6]}/{key[..4]}",
            7 => $"{(english ? "" : "Tháng ")}{int.Parse(key[5..], System.Globalization.CultureInfo.InvariantCulture)}/{key[..4]}",
            _ => english ? key : $"Năm {key}",
        };
    }

    /// <summary>Every period key from one date to another, so a trend shows the empty months too (as N/A).</summary>
    public static List<string> PeriodKeys(DateOnly from, DateOnly to, ReportGrouping g)
    {
        var keys = new List<string>();
        for (var d = new DateOnly(from.Year, from.Month, 1); d <= to; d = d.AddMonths(1))
        {
            var k = PeriodKey(d.ToDateTime(TimeOnly.MinValue), g);
            if (keys.Count == 0 || keys[^1] != k) keys.Add(k);
        }
        return keys;
    }
}
