using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Web.Features.Satisfaction;

/// <summary>
/// Demo ratings over the last six months, so the dashboards have something to compare: Quang Lộc (the 2022 pilot)
/// rates well, Chiềng Sinh a little less, with one unhappy rating still waiting for the leader's follow-up.
/// Deterministic: the same seed gives the same figures.
/// </summary>
public static class DemoRatings
{
    public static async Task SeedAsync(AppDbContext db, DateTime nowUtc, Dictionary<string, AdministrativeUnit> communes)
    {
        var officers = await db.Users.Where(u => u.UnitId != null).ToDictionaryAsync(u => u.UserName!, u => u);
        var random = new Random(2022);
        // The one every demo starts from: follow-up #1, in Chiềng Sinh, overdue.
        var cs = communes["03298"];
        var hoa = officers["chiengsinh.tiepnhan"];
        var first = new Rating
        {
            UnitId = cs.Id, At = nowUtc.AddDays(-12), Source = RatingSource.Public, OfficialId = hoa.Id, OfficialName = hoa.FullName,
            Overall = SatisfactionLevel.Dissatisfied, Code = "111111120000", Aspects = "30220",
            Comment = "Phải chờ lâu ở quầy một cửa vì cán bộ đi họp, không ai hướng dẫn.", ContactName = "Cà Văn Pọm",
            ContactPhone = "0912000111", WantsReply = true, ContentHash = "demo-0",
        };
        db.Ratings.Add(first);
        await db.SaveChangesAsync();
        db.FollowUps.Add(new RatingFollowUp { UnitId = cs.Id, RatingId = first.Id, OpenedAt = first.At, DueAt = first.At.AddDays(7) });
        await db.SaveChangesAsync();

        (string Commune, string[] Officers, int Count, double Good)[] plan =
        [
            ("03298", ["chiengsinh.tiepnhan", "chiengsinh.chuyenvien"], 40, 0.78),
            ("16060", ["quangloc.tiepnhan", "quangloc.chuyenvien"], 60, 0.92),
        ];
        string[] praise = ["Cán bộ hướng dẫn tận tình, dễ hiểu.", "Làm nhanh, đúng hẹn.", "Cán bộ nói tiếng Thái nên tôi hiểu rõ.", "Trả kết quả sớm hơn hẹn."];
        string[] complaints = ["Phải đi lại nhiều lần.", "Không được hướng dẫn rõ giấy tờ cần mang."];
        var n = 1;
        var added = new List<Rating>();
        foreach (var (code, names, count, good) in plan)
        {
            var unit = communes[code];
            for (var i = 0; i < count; i++)
            {
                var officer = officers[names[i % names.Length]];
                var roll = random.NextDouble();
                var overall = roll < good * 0.55 ? SatisfactionLevel.VerySatisfied : roll < good ? SatisfactionLevel.Satisfied
                    : roll < good + (1 - good) * 0.7 ? SatisfactionLevel.Neutral : SatisfactionLevel.Dissatisfied;
                var code12 = string.Concat(Enumerable.Range(0, 12).Select(_ => random.NextDouble() switch
                {
                    < 0.75 => '1', < 0.97 => '0', _ => overall <= SatisfactionLevel.Neutral ? '2' : '1',
                }));
                var rating = new Rating
                {
                    UnitId = unit.Id, At = nowUtc.AddDays(-random.Next(1, 180)).AddMinutes(-random.Next(0, 600)), Source = RatingSource.Public,
                    OfficialId = officer.Id, OfficialName = officer.FullName, Overall = overall, Code = code12, Aspects = "00000",
                    Comment = random.NextDouble() < 0.3 ? (overall >= SatisfactionLevel.Satisfied ? praise : complaints)[random.Next(2)] : null,
                    ContentHash = $"demo-{n++}",
                };
                added.Add(rating);
            }
        }
        db.Ratings.AddRange(added);
        await db.SaveChangesAsync(); // one save for all: the keys come back for the follow-ups
        foreach (var rating in added.Where(r => SatisfactionLevels.NeedsFollowUp(r.Overall, r.CodeAnswers)))
        {
            var closed = rating.At < nowUtc.AddDays(-10);
            db.FollowUps.Add(new RatingFollowUp
            {
                UnitId = rating.UnitId, RatingId = rating.Id, OpenedAt = rating.At, DueAt = rating.At.AddDays(7),
                Status = closed ? FollowUpStatus.Closed : FollowUpStatus.Open,
                ContactNote = closed ? "Không để lại liên hệ; trao đổi trong giao ban cơ quan." : null,
                Explanation = closed ? "Lãnh đạo UBND xã đã nhắc nhở, rút kinh nghiệm." : null,
                Changes = closed ? "Bổ sung bảng hướng dẫn giấy tờ tại quầy." : null, ClosedAt = closed ? rating.At.AddDays(3) : null,
                HandledByName = closed ? "demo" : null,
            });
        }
        await db.SaveChangesAsync();
    }
}
