using FriendlyGov.Core.Domain;
using FsCheck.Xunit;

namespace FriendlyGov.Tests.Domain;

public class UnitGraphTests
{
    // Province 1 ─ former district 2 ─ communes 10, 11 (moved under 1 in 2025), 12 and 13 merged into 14.
    // Province 100 ─ commune 110. Villages: 20 under 10, 21 under 12, 22 under 14, 120 under 110.
    private static UnitGraph Sample() => new(
    [
        new(1, UnitLevel.Province, null, null, []),
        new(2, UnitLevel.District, 1, null, []),
        new(10, UnitLevel.Commune, 1, null, [2]),
        new(11, UnitLevel.Commune, 1, null, [2]),
        new(12, UnitLevel.Commune, 2, 14, []),
        new(13, UnitLevel.Commune, 2, 14, []),
        new(14, UnitLevel.Commune, 1, null, []),
        new(20, UnitLevel.Village, 10, null, []),
        new(21, UnitLevel.Village, 14, null, [12]),
        new(22, UnitLevel.Village, 14, null, []),
        new(100, UnitLevel.Province, null, null, []),
        new(110, UnitLevel.Commune, 100, null, []),
        new(120, UnitLevel.Village, 110, null, []),
    ]);

    [Fact]
    public void Commune_scope_holds_the_commune_and_its_villages_only()
    {
        Assert.Equal([10, 20], Sample().CommuneScope(10).Order());
    }

    [Fact]
    public void Commune_scope_of_a_merged_commune_reaches_its_predecessors_and_their_villages()
    {
        Assert.Equal([12, 13, 14, 21, 22], Sample().CommuneScope(14).Order());
    }

    [Fact]
    public void Predecessor_does_not_reach_its_successor()
    {
        Assert.DoesNotContain(14, Sample().CommuneScope(12));
    }

    [Fact]
    public void Supervisor_of_a_former_district_still_reads_the_communes_it_held()
    {
        var scope = Sample().Subtree(2);
        Assert.Contains(10, scope);
        Assert.Contains(12, scope);
        Assert.Contains(20, scope);
        Assert.DoesNotContain(110, scope);
        Assert.DoesNotContain(1, scope);
    }

    [Fact]
    public void Province_subtree_holds_everything_below_and_nothing_of_another_province()
    {
        var scope = Sample().Subtree(1);
        Assert.Equal([1, 2, 10, 11, 12, 13, 14, 20, 21, 22], scope.Order());
    }

    [Fact]
    public void Only_row_owning_units_go_to_the_filter()
    {
        var g = Sample();
        Assert.Equal([12, 13, 14], g.Owners(g.CommuneScope(14)));
        Assert.DoesNotContain(20, g.Owners(g.Subtree(1)));
        Assert.Contains(2, g.Owners(g.Subtree(1)));
    }

    [Fact]
    public void Current_successor_follows_merges_to_the_end()
    {
        var g = new UnitGraph([new(1, UnitLevel.Commune, null, 2, []), new(2, UnitLevel.Commune, null, 3, []), new(3, UnitLevel.Commune, null, null, [])]);
        Assert.Equal(3, g.CurrentSuccessor(1));
        Assert.Equal(3, g.CurrentSuccessor(3));
    }

    /// <summary>Random provinces, communes, merges within a province and villages: two provinces never share a unit.</summary>
    [Property(MaxTest = 200)]
    public bool Communes_of_different_provinces_never_reach_each_other(int seed)
    {
        var rnd = new Random(seed);
        var nodes = new List<UnitNode> { new(1, UnitLevel.Province, null, null, []), new(2, UnitLevel.Province, null, null, []) };
        var communes = new List<(int Id, int Province)>();
        var next = 10;
        for (var i = 0; i < rnd.Next(2, 20); i++)
        {
            var province = rnd.Next(1, 3);
            var id = next++;
            var sameProvinceLater = communes.Where(c => c.Province == province).ToList();
            communes.Add((id, province));
            nodes.Add(new(id, UnitLevel.Commune, province, null, []));
            // Sometimes an earlier commune of the same province merges into this one.
            if (sameProvinceLater.Count > 0 && rnd.Next(3) == 0)
            {
                var pred = sameProvinceLater[rnd.Next(sameProvinceLater.Count)].Id;
                var idx = nodes.FindIndex(n => n.Id == pred);
                if (nodes[idx].SuccessorId is null) nodes[idx] = nodes[idx] with { SuccessorId = id };
            }
            for (var v = 0; v < rnd.Next(0, 3); v++) nodes.Add(new(next++, UnitLevel.Village, id, null, []));
        }
        var g = new UnitGraph(nodes);
        foreach (var a in communes)
        {
            var scope = g.CommuneScope(a.Id);
            if (!g.Subtree(a.Province).IsSupersetOf(scope)) return false;
            if (communes.Any(b => b.Province != a.Province && scope.Contains(b.Id))) return false;
        }
        return true;
    }
}
