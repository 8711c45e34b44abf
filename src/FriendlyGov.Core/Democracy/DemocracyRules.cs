namespace FriendlyGov.Core.Domain;

/// <summary>Where an affected household stands in a land clearance (giải phóng mặt bằng).</summary>
public enum HouseholdStatus { Informed = 1, Consulted = 2, NotAgreed = 3, Agreed = 4, Compensated = 5, HandedOver = 6 }
// đã thông báo · đã lấy ý kiến · chưa đồng thuận · đồng thuận · đã nhận bồi thường · đã bàn giao mặt bằng

public enum VoteChoice { Agree = 1, Disagree = 2, Abstain = 3 } // tán thành · không tán thành · ý kiến khác

public enum ConsultationKind { SocioEconomicPlan = 1, LandUsePlan = 2, Compensation = 3, VillageConvention = 4, DemocracyRegulation = 5, UnitArrangement = 6, Other = 7 }

public sealed record Consensus(int Households, int Agreed, int NotAgreed, decimal? Share);

public sealed record VoteResult(int Households, int Voted, int Agree, int Disagree, int Abstain, bool Quorum, bool Passed, decimal? Turnout, decimal? AgreeShare);

public static class DemocracyRules
{
    /// <summary>Which moves a household's status may make: forward along the path, and between agreed and not agreed before compensation.</summary>
    public static bool CanMove(HouseholdStatus from, HouseholdStatus to) => (from, to) switch
    {
        _ when from == to => false,
        (HouseholdStatus.Compensated, HouseholdStatus.HandedOver) => true,
        (HouseholdStatus.Compensated or HouseholdStatus.HandedOver, _) => false,
        (HouseholdStatus.Agreed, HouseholdStatus.NotAgreed) => true,
        (_, HouseholdStatus.Compensated) => from == HouseholdStatus.Agreed,
        (_, HouseholdStatus.HandedOver) => false,
        _ => to > from || (from == HouseholdStatus.NotAgreed && to == HouseholdStatus.Agreed),
    };

    /// <summary>Matters whose documents the law has posted for the people's opinion for not less than 30 days.</summary>
    public static int MinimumDays(ConsultationKind k) => k is ConsultationKind.SocioEconomicPlan or ConsultationKind.LandUsePlan or ConsultationKind.Compensation
        or ConsultationKind.DemocracyRegulation ? 30 : 1;

    /// <summary>A household counts as agreeing once it has agreed, whatever came after (compensated, handed over).</summary>
    public static bool HasAgreed(HouseholdStatus s) => s >= HouseholdStatus.Agreed;

    /// <summary>Consensus: households agreeing (or further) ÷ households affected; N/A without households.</summary>
    public static Consensus ConsensusOf(IReadOnlyCollection<HouseholdStatus> households) => ConsensusOfCounts(households.Select(s => (s, 1)));

    /// <summary>The same, from how many households are in each status (as a database counts them).</summary>
    public static Consensus ConsensusOfCounts(IEnumerable<(HouseholdStatus Status, int Count)> counts)
    {
        int total = 0, agreed = 0, notAgreed = 0;
        foreach (var (status, n) in counts)
        {
            total += n;
            if (HasAgreed(status)) agreed += n;
            if (status == HouseholdStatus.NotAgreed) notAgreed += n;
        }
        return new(total, agreed, notAgreed, total == 0 ? null : Math.Round(100m * agreed / total, 1));
    }

    /// <summary>
    /// A matter the households decide: one vote per household, counted over all households of the area. The vote is valid when
    /// the share of households voting reaches the quorum (default: more than half); the matter passes when more than half of all
    /// the area's households agree.
    /// </summary>
    public static VoteResult Count(int households, IReadOnlyCollection<VoteChoice> votes, decimal quorumPercent = 50)
    {
        var (agree, disagree, abstain) = (votes.Count(v => v == VoteChoice.Agree), votes.Count(v => v == VoteChoice.Disagree), votes.Count(v => v == VoteChoice.Abstain));
        if (households <= 0) return new(0, votes.Count, agree, disagree, abstain, false, false, null, null);
        var turnout = Math.Round(100m * votes.Count / households, 1);
        var quorum = 100m * votes.Count / households > quorumPercent;
        return new(households, votes.Count, agree, disagree, abstain, quorum, quorum && 2 * agree > households, turnout, Math.Round(100m * agree / households, 1));
    }

    public static string StatusName(HouseholdStatus s) => s switch
    {
        HouseholdStatus.Informed => "Đã thông báo", HouseholdStatus.Consulted => "Đã lấy ý kiến", HouseholdStatus.NotAgreed => "Chưa đồng thuận",
        HouseholdStatus.Agreed => "Đồng thuận", HouseholdStatus.Compensated => "Đã nhận bồi thường, hỗ trợ", _ => "Đã bàn giao mặt bằng",
    };

    public static string ChoiceName(VoteChoice c) => c switch { VoteChoice.Agree => "Tán thành", VoteChoice.Disagree => "Không tán thành", _ => "Ý kiến khác" };

    public static string KindName(ConsultationKind k) => k switch
    {
        ConsultationKind.SocioEconomicPlan => "Kế hoạch phát triển kinh tế - xã hội", ConsultationKind.LandUsePlan => "Quy hoạch, kế hoạch sử dụng đất",
        ConsultationKind.Compensation => "Phương án bồi thường, hỗ trợ, tái định cư", ConsultationKind.VillageConvention => "Hương ước, quy ước thôn, bản",
        ConsultationKind.DemocracyRegulation => "Quy chế thực hiện dân chủ của xã", ConsultationKind.UnitArrangement => "Sắp xếp, đặt tên thôn, bản",
        _ => "Nội dung khác",
    };
}
