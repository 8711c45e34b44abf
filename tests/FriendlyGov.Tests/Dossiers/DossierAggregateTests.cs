using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.Dossiers;

/// <summary>The dossier guards its own lifecycle, holder, appointment and apology (Mẫu 04).</summary>
public class DossierAggregateTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);

    private static Dossier Arrived(DossierStatus status, DateTime? appointed)
    {
        var d = new Dossier
        {
            UnitId = 1, Code = "000.30.12.H18-261102-0001", TrackingKey = "k", ProcedureCode = "1.004873", ProcedureName = "Đăng ký khai sinh",
            ApplicantName = "Lò Văn A", CitizenId = "011305004321", Phone = "0911222333", Address = "Bản Lồng", ReceivedAt = Now,
        };
        d.Receive(status, appointed);
        return d;
    }

    [Fact]
    public void A_dossier_arrives_only_in_an_intake_state()
    {
        Assert.Equal(DossierStatus.SupplementRequested, Arrived(DossierStatus.SupplementRequested, null).Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => Arrived(DossierStatus.Done, null));
    }

    [Fact]
    public void A_step_the_lifecycle_refuses_changes_nothing_and_says_why()
    {
        var d = Arrived(DossierStatus.Accepted, Now.AddDays(3));
        var refused = Assert.IsType<Failure.Invalid>(d.Take(DossierAction.Return, [DossierAction.Accept], null, receivedBy: "Lò Văn A"));
        Assert.Equal("Action", refused.Violations[0].Field);
        Assert.Equal(DossierStatus.Accepted, d.Status);
        Assert.Null(d.Take(DossierAction.StartProcessing, [DossierAction.Accept], "specialist-1"));
        Assert.Equal((DossierStatus.Processing, "specialist-1"), (d.Status, d.AssigneeId));
    }

    [Fact]
    public void An_online_dossier_is_appointed_when_the_counter_accepts_it_and_a_return_names_who_took_it()
    {
        var d = Arrived(DossierStatus.Registered, null);
        Assert.Null(d.Take(DossierAction.Accept, [], null, appointOnAccept: () => Now.AddDays(5)));
        Assert.Equal(Now.AddDays(5), d.AppointedAt);
        var history = new List<DossierAction> { DossierAction.Accept };
        foreach (var step in new[] { DossierAction.StartProcessing, DossierAction.HandOver, DossierAction.Complete })
        {
            d.Take(step, history, null);
            history.Add(step);
        }
        Assert.IsType<Failure.Invalid>(d.Take(DossierAction.Return, history, null, receivedBy: " "));
        Assert.Equal(DossierStatus.Done, d.Status);
        Assert.Null(d.Take(DossierAction.Return, history, null, receivedBy: " Lò Văn A "));
        Assert.Equal((DossierStatus.Returned, "Lò Văn A"), (d.Status, d.ReturnedTo));
    }

    [Fact]
    public void An_apology_needs_an_appointment_a_later_date_and_is_approved_once()
    {
        Assert.IsType<Failure.Invalid>(Arrived(DossierStatus.Registered, null).DraftApology("Chờ xác minh", Now.AddDays(9), "A"));
        var d = Arrived(DossierStatus.Accepted, Now.AddDays(3));
        Assert.Equal("NewDate", Assert.IsType<Failure.Invalid>(d.DraftApology("Chờ xác minh", Now.AddDays(2), "A")).Violations[0].Field);
        Assert.IsType<Failure.Invalid>(d.ApproveApology("Lãnh đạo", Now)); // nothing drafted
        Assert.Null(d.DraftApology("Chờ xác minh", Now.AddDays(9), "A"));
        Assert.Null(d.ApproveApology("Lãnh đạo", Now));
        Assert.Equal(("Lãnh đạo", (DateTime?)Now), (d.ApologyApprovedBy, d.ApologyApprovedAt));
        Assert.IsType<Failure.Invalid>(d.ApproveApology("Lãnh đạo", Now)); // already approved
    }
}
