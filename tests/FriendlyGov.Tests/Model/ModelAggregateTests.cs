using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.Model;

/// <summary>An inspection, its recommendations and the plan's tasks guard their own state.</summary>
public class ModelAggregateTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);
    private static readonly DateTime NowUtc = new(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);

    private static Inspection Planned() => Inspection.Plan(2, 1, "Kiểm tra 6 tháng", Day.AddDays(-3), "Ban Chỉ đạo tỉnh", "giamsat");

    [Fact]
    public void A_visit_is_recorded_done_with_its_day_and_findings()
    {
        var i = Planned();
        Assert.Equal(InspectionStatus.Planned, i.Status);
        var missing = Assert.IsType<Failure.Invalid>(i.Record(InspectionStatus.Done, null, " ", null, null, false, Day));
        Assert.Equal(["DoneOn", "Findings"], missing.Violations.Select(v => v.Field));
        Assert.Equal("DoneOn", Assert.IsType<Failure.Invalid>(i.Record(InspectionStatus.Done, Day.AddDays(1), "Tốt", null, null, false, Day)).Violations[0].Field);
        Assert.IsType<Failure.Invalid>(i.Record(InspectionStatus.Planned, Day, "Tốt", null, null, false, Day));
        Assert.Equal(InspectionStatus.Planned, i.Status);
        Assert.Null(i.Record(InspectionStatus.Done, Day, "  Niêm yết đủ  ", null, null, false, Day));
        Assert.Equal((InspectionStatus.Done, (DateOnly?)Day, "Niêm yết đủ", "Ban Chỉ đạo tỉnh"), (i.Status, i.DoneOn, i.Findings, i.Team)); // the planned team stays
    }

    [Fact]
    public void A_visit_is_cancelled_with_a_reason_and_never_once_it_led_to_recommendations()
    {
        var i = Planned();
        Assert.Equal("CancelReason", Assert.IsType<Failure.Invalid>(i.Record(InspectionStatus.Cancelled, null, null, null, "", false, Day)).Violations[0].Field);
        Assert.Equal("Status", Assert.IsType<Failure.Invalid>(i.Record(InspectionStatus.Cancelled, null, null, null, "Bão", true, Day)).Violations[0].Field);
        Assert.Equal(InspectionStatus.Planned, i.Status);
        Assert.Null(i.Record(InspectionStatus.Cancelled, null, null, null, " Bão lũ ", false, Day));
        Assert.Equal((InspectionStatus.Cancelled, "Bão lũ"), (i.Status, i.CancelReason));
    }

    [Fact]
    public void A_recommendation_is_reported_then_accepted_or_sent_back_with_a_note()
    {
        var r = new InspectionRecommendation { UnitId = 2, InspectionId = 1, Content = "Làm lối đi", Deadline = Day };
        Assert.Equal("Note", Assert.IsType<Failure.Invalid>(r.Review(true, null, NowUtc, "tinh")).Violations[0].Field); // nothing reported yet
        Assert.Equal("Report", Assert.IsType<Failure.Invalid>(r.ReportDone(" ", NowUtc, "xa")).Violations[0].Field);
        Assert.Null(r.ReportDone(" Đã làm ", NowUtc, "xa"));
        Assert.Equal((RecommendationStatus.Reported, "Đã làm", "xa"), (r.Status, r.Report, r.ReportedBy));
        Assert.IsType<Failure.Invalid>(r.Review(false, "  ", NowUtc, "tinh"));  // sending back needs the reason
        Assert.Null(r.Review(false, "Chưa có ảnh", NowUtc, "tinh"));
        Assert.Equal((RecommendationStatus.Open, "Chưa có ảnh"), (r.Status, r.ReviewNote));
        Assert.Null(r.ReportDone("Đã bổ sung ảnh", NowUtc, "xa"));
        Assert.Null(r.Review(true, null, NowUtc.AddDays(1), "tinh"));
        Assert.Equal((RecommendationStatus.Closed, (DateTime?)NowUtc.AddDays(1), "tinh"), (r.Status, r.ClosedAt, r.ClosedBy));
        Assert.IsType<Failure.Invalid>(r.ReportDone("Lại", NowUtc, "xa"));
    }

    [Fact]
    public void A_task_is_done_only_with_evidence_and_then_counts_in_full()
    {
        var t = ModelPlanTask.Planned(2, 1, 1, "Ra mắt mô hình", Day);
        Assert.Equal(PlanTaskStatus.NotStarted, t.Status);
        Assert.Equal("Evidence", Assert.IsType<Failure.Invalid>(t.Update(null, null, PlanTaskStatus.Done, 100, " ")).Violations[0].Field);
        Assert.Equal("Progress", Assert.IsType<Failure.Invalid>(t.Update(null, null, PlanTaskStatus.InProgress, 101, null)).Violations[0].Field);
        Assert.IsType<Failure.Invalid>(t.Update(null, null, (PlanTaskStatus)42, 10, null));
        Assert.Equal((PlanTaskStatus.NotStarted, 0), (t.Status, t.Progress));
        Assert.Null(t.Update(" Văn phòng ", Day.AddDays(5), PlanTaskStatus.InProgress, 40, null));
        Assert.Equal(("Văn phòng", Day.AddDays(5), 40), (t.Owner, t.Due, t.Progress));
        Assert.Null(t.Update("Văn phòng", null, PlanTaskStatus.Done, 40, "QĐ 112/QĐ-UBND"));
        Assert.Equal((PlanTaskStatus.Done, 100, Day.AddDays(5), "QĐ 112/QĐ-UBND"), (t.Status, t.Progress, t.Due, t.Evidence)); // keeps its due day
    }
}
