using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.Domain;

public sealed class DossierAssignmentTests
{
    [Theory]
    [InlineData(DossierStatus.Accepted, new DossierAction[] { DossierAction.Accept }, Roles.CounterOfficer)]
    [InlineData(DossierStatus.Processing, new[] { DossierAction.Accept, DossierAction.StartProcessing }, Roles.Specialist)]
    [InlineData(DossierStatus.Processing, new[] { DossierAction.Accept, DossierAction.StartProcessing, DossierAction.HandOver }, Roles.CommuneLeader)]
    [InlineData(DossierStatus.Processing, new[] { DossierAction.Accept, DossierAction.StartProcessing, DossierAction.HandOver, DossierAction.Assign }, Roles.CommuneLeader)]
    [InlineData(DossierStatus.SupplementRequested, new[] { DossierAction.Accept, DossierAction.StartProcessing, DossierAction.RequestSupplement }, Roles.CounterOfficer)]
    [InlineData(DossierStatus.Done, new[] { DossierAction.Accept, DossierAction.StartProcessing, DossierAction.Complete }, Roles.CounterOfficer)]
    [InlineData(DossierStatus.Returned, new[] { DossierAction.Accept, DossierAction.Return }, null)]
    public void Each_step_waits_for_its_role(DossierStatus status, DossierAction[] history, string? role) =>
        Assert.Equal(role, DossierLifecycle.WaitingFor(status, history));

    [Fact]
    public void Only_the_holder_acts_or_while_unheld_who_serves_at_the_step_and_anyone_records_a_withdrawal()
    {
        Assert.Null(DossierAssignment.RefusalToAct(null, "a", DossierAction.HandOver, actorServesStep: true, actorIsLeader: false));
        Assert.Null(DossierAssignment.RefusalToAct("a", "a", DossierAction.HandOver, true, false));
        Assert.NotNull(DossierAssignment.RefusalToAct("a", "b", DossierAction.HandOver, true, false));
        Assert.NotNull(DossierAssignment.RefusalToAct("a", "boss", DossierAction.Complete, false, true)); // the leader takes it over first
        Assert.Null(DossierAssignment.RefusalToAct("a", "b", DossierAction.Withdraw, false, false));
        // Unheld at the leader's step: a specialist has nothing to do on it; a leader has.
        Assert.NotNull(DossierAssignment.RefusalToAct(null, "s", DossierAction.RequestSupplement, false, false));
        Assert.Null(DossierAssignment.RefusalToAct(null, "boss", DossierAction.Complete, true, true));
    }

    [Fact]
    public void Taking_passing_on_and_reassigning_follow_who_holds_it_and_who_asks()
    {
        const string s = Roles.Specialist;
        // Unassigned: anyone of the step's role takes it; someone else's role does not.
        Assert.Null(DossierAssignment.RefusalToAssign(s, null, "me", false, true, "me", true));
        Assert.NotNull(DossierAssignment.RefusalToAssign(s, null, "me", false, false, "me", false));
        // Held by a colleague: not taken from them, not passed on by a third person; the leader takes it over or reassigns it.
        Assert.NotNull(DossierAssignment.RefusalToAssign(s, "other", "me", false, true, "me", true));
        Assert.NotNull(DossierAssignment.RefusalToAssign(s, "other", "me", false, true, "third", true));
        Assert.Null(DossierAssignment.RefusalToAssign(s, "other", "boss", true, false, "boss", false));
        Assert.Null(DossierAssignment.RefusalToAssign(s, "other", "boss", true, false, "third", true));
        // The holder passes it to a colleague at the same step, not to someone who does not serve there.
        Assert.Null(DossierAssignment.RefusalToAssign(s, "me", "me", false, true, "colleague", true));
        Assert.NotNull(DossierAssignment.RefusalToAssign(s, "me", "me", false, true, "clerk", false));
        // Giving it to whom already holds it, or assigning a closed dossier, is refused.
        Assert.NotNull(DossierAssignment.RefusalToAssign(s, "me", "me", false, true, "me", true));
        Assert.NotNull(DossierAssignment.RefusalToAssign(null, null, "boss", true, false, "boss", false));
    }

    [Fact]
    public void An_assignment_changes_no_status_and_is_no_action_button()
    {
        Assert.Equal(DossierStatus.Processing, DossierLifecycle.Next(DossierStatus.Processing, DossierAction.Assign, true));
        Assert.Null(DossierLifecycle.Next(DossierStatus.Returned, DossierAction.Assign, true));
        Assert.DoesNotContain(DossierAction.Assign, DossierLifecycle.Allowed(DossierStatus.Processing));
    }
}
