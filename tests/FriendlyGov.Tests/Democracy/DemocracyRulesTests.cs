using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Democracy;

namespace FriendlyGov.Tests.Domain;

public sealed class DemocracyRulesTests
{
    [Fact]
    public void Consensus_counts_households_that_agreed_or_went_further_over_all_affected()
    {
        var c = DemocracyRules.ConsensusOf([HouseholdStatus.HandedOver, HouseholdStatus.Compensated, HouseholdStatus.Agreed, HouseholdStatus.NotAgreed,
            HouseholdStatus.Consulted, HouseholdStatus.Informed]);
        Assert.Equal((6, 3, 1, 50m), (c.Households, c.Agreed, c.NotAgreed, c.Share!.Value));
        Assert.Null(DemocracyRules.ConsensusOf([]).Share);
        Assert.Equal(33.3m, DemocracyRules.ConsensusOf([HouseholdStatus.Agreed, HouseholdStatus.Informed, HouseholdStatus.Informed]).Share);
    }

    [Fact]
    public void A_household_vote_needs_the_quorum_and_more_than_half_of_all_households_agreeing()
    {
        VoteChoice[] Votes(int agree, int disagree, int abstain) =>
            [.. Enumerable.Repeat(VoteChoice.Agree, agree), .. Enumerable.Repeat(VoteChoice.Disagree, disagree), .. Enumerable.Repeat(VoteChoice.Abstain, abstain)];
        // 62 households: 40 vote, 32 agree → quorum (64.5%), passed (32 > 31).
        var r = DemocracyRules.Count(62, Votes(32, 6, 2));
        Assert.True(r.Quorum);
        Assert.True(r.Passed);
        Assert.Equal(64.5m, r.Turnout);
        Assert.Equal(51.6m, r.AgreeShare);
        // Exactly half agreeing is not more than half.
        Assert.False(DemocracyRules.Count(62, Votes(31, 20, 0)).Passed);
        // Everyone voting agrees but only 30 of 62 households took part: no quorum, nothing passes.
        var few = DemocracyRules.Count(62, Votes(30, 0, 0));
        Assert.False(few.Quorum);
        Assert.False(few.Passed);
        Assert.Null(DemocracyRules.Count(0, []).Turnout);
    }

    [Fact]
    public void A_household_moves_forward_may_go_between_agreed_and_not_agreed_and_never_back_after_compensation()
    {
        Assert.True(DemocracyRules.CanMove(HouseholdStatus.Informed, HouseholdStatus.Consulted));
        Assert.True(DemocracyRules.CanMove(HouseholdStatus.Consulted, HouseholdStatus.NotAgreed));
        Assert.True(DemocracyRules.CanMove(HouseholdStatus.NotAgreed, HouseholdStatus.Agreed));
        Assert.True(DemocracyRules.CanMove(HouseholdStatus.Agreed, HouseholdStatus.NotAgreed));
        Assert.True(DemocracyRules.CanMove(HouseholdStatus.Agreed, HouseholdStatus.Compensated));
        Assert.True(DemocracyRules.CanMove(HouseholdStatus.Compensated, HouseholdStatus.HandedOver));
        Assert.False(DemocracyRules.CanMove(HouseholdStatus.Consulted, HouseholdStatus.Compensated)); // not without agreeing
        Assert.False(DemocracyRules.CanMove(HouseholdStatus.Agreed, HouseholdStatus.HandedOver));     // not before compensation
        Assert.False(DemocracyRules.CanMove(HouseholdStatus.Compensated, HouseholdStatus.NotAgreed));
        Assert.False(DemocracyRules.CanMove(HouseholdStatus.Consulted, HouseholdStatus.Informed));
        Assert.False(DemocracyRules.CanMove(HouseholdStatus.Agreed, HouseholdStatus.Agreed));
    }
}
