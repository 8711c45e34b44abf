using FriendlyGov.Core.Domain;
using FsCheck.Xunit;

namespace FriendlyGov.Tests.Domain;

public class AuditChainTests
{
    private static List<AuditRecord> Chain(int count, int seed = 1)
    {
        var rnd = new Random(seed);
        var list = new List<AuditRecord>();
        var prev = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            int? unit = rnd.Next(3) == 0 ? null : rnd.Next(1, 50);
            var ticks = 638_000_000_000_000_000L + i * 10_000;
            var changes = $"{{\"Name\":[\"Bản {rnd.Next(100)}\",\"Bản Hới Nọ\"]}}";
            var hash = AuditChain.ComputeHash(i, unit, ticks, "u" + i, "cán bộ " + i, "Modified", "CommuneProfile", i.ToString(), changes, prev);
            list.Add(new AuditRecord(i, unit, ticks, "u" + i, "cán bộ " + i, "Modified", "CommuneProfile", i.ToString(), changes, prev, hash));
            prev = hash;
        }
        return list;
    }

    [Fact]
    public void Untouched_chain_verifies()
    {
        Assert.Null(AuditChain.Verify(Chain(50)));
    }

    public static TheoryData<string> Fields() => ["UnitId", "At", "UserName", "Action", "Entity", "EntityId", "Changes"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Changing_any_field_of_an_entry_is_detected_at_that_entry(string field)
    {
        var chain = Chain(10);
        var r = chain[4];
        chain[4] = field switch
        {
            "UnitId" => r with { UnitId = (r.UnitId ?? 0) + 1 },
            "At" => r with { AtTicks = r.AtTicks + 1 },
            "UserName" => r with { UserName = "kẻ giả mạo" },
            "Action" => r with { Action = "Deleted" },
            "Entity" => r with { Entity = "ApplicationUser" },
            "EntityId" => r with { EntityId = "999" },
            _ => r with { Changes = r.Changes.Replace("Hới Nọ", "Hới Ná") },
        };
        Assert.Equal(5, AuditChain.Verify(chain)?.Seq);
    }

    [Fact]
    public void Rewriting_an_entry_and_its_hash_breaks_the_next_link()
    {
        var chain = Chain(10);
        var r = chain[3] with { UserName = "kẻ giả mạo" };
        chain[3] = r with { Hash = AuditChain.ComputeHash(r) };
        var broken = AuditChain.Verify(chain);
        Assert.Equal(5, broken?.Seq);
        Assert.Contains("previous-hash", broken!.Reason);
    }

    [Fact]
    public void Removing_an_entry_is_detected()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);
        Assert.Equal(8, AuditChain.Verify(chain)?.Seq);
    }

    [Fact]
    public void Removing_the_last_entries_leaves_a_valid_prefix()
    {
        // Truncation at the tail cannot be seen from the chain alone; the operator compares the count (verify-audit prints it).
        Assert.Null(AuditChain.Verify(Chain(10).Take(7)));
    }

    [Property(MaxTest = 100)]
    public bool Any_single_character_change_in_changes_is_detected(int seed, byte position)
    {
        var chain = Chain(5, seed);
        var r = chain[2];
        var i = position % r.Changes.Length;
        var altered = r.Changes[..i] + (char)(r.Changes[i] + 1) + r.Changes[(i + 1)..];
        chain[2] = r with { Changes = altered };
        return AuditChain.Verify(chain)?.Seq == 3;
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted_to_forge_the_same_hash()
    {
        var a = AuditChain.ComputeHash(1, null, 0, "ab", "c", "Added", "E", "1", "{}", AuditChain.Genesis);
        var b = AuditChain.ComputeHash(1, null, 0, "a", "bc", "Added", "E", "1", "{}", AuditChain.Genesis);
        Assert.NotEqual(a, b);
    }
}
