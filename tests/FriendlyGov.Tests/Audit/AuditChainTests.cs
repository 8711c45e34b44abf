using FriendlyGov.Core.Domain;
using FsCheck.Xunit;

namespace FriendlyGov.Tests.Domain;

public class AuditChainTests
{
    private static readonly AuditKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static AuditRecord Sealed(AuditKey key, AuditRecord r) => r with { Hash = AuditChain.ComputeHash(key, r) };

    private static List<AuditRecord> Chain(int count, int seed = 1, int chain = 7, AuditKey? key = null)
    {
        var rnd = new Random(seed);
        var list = new List<AuditRecord>();
        var prev = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var ticks = 638_000_000_000_000_000L + i * 10_000;
            var changes = $"{{\"Name\":[\"Bản {rnd.Next(100)}\",\"Bản Hới Nọ\"]}}";
            var r = Sealed(key ?? Key, new AuditRecord(chain, i, chain, ticks, "u" + i, "cán bộ " + i, "Modified", "CommuneProfile", i.ToString(), changes, prev, ""));
            list.Add(r);
            prev = r.Hash;
        }
        return list;
    }

    [Fact]
    public void Untouched_chain_verifies()
    {
        Assert.Null(AuditChain.Verify(Key, Chain(50)));
    }

    public static TheoryData<string> Fields() => ["Chain", "UnitId", "At", "UserName", "Action", "Entity", "EntityId", "Changes"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Changing_any_field_of_an_entry_is_detected_at_that_entry(string field)
    {
        var chain = Chain(10);
        var r = chain[4];
        chain[4] = field switch
        {
            "Chain" => r with { Chain = 8 },
            "UnitId" => r with { UnitId = (r.UnitId ?? 0) + 1 },
            "At" => r with { AtTicks = r.AtTicks + 1 },
            "UserName" => r with { UserName = "kẻ giả mạo" },
            "Action" => r with { Action = "Deleted" },
            "Entity" => r with { Entity = "ApplicationUser" },
            "EntityId" => r with { EntityId = "999" },
            _ => r with { Changes = r.Changes.Replace("Hới Nọ", "Hới Ná") },
        };
        // An entry moved to another chain restarts the verifier there: it is caught as a gap in that chain.
        Assert.NotNull(AuditChain.Verify(Key, chain));
        if (field != "Chain") Assert.Equal(5, AuditChain.Verify(Key, chain)?.Seq);
    }

    [Fact]
    public void Rewriting_an_entry_and_its_seal_without_the_key_is_detected_at_that_entry()
    {
        var chain = Chain(10);
        var r = chain[3] with { UserName = "kẻ giả mạo" };
        // Whoever writes the database but lacks the key can only guess: a seal with another key does not hold.
        chain[3] = Sealed(new AuditKey(new byte[32]), r);
        var broken = AuditChain.Verify(Key, chain);
        Assert.Equal(4, broken?.Seq);
        Assert.Contains("seal", broken!.Reason);
    }

    [Fact]
    public void A_whole_chain_recomputed_without_the_key_is_detected_at_its_first_entry()
    {
        var forged = Chain(10, key: new AuditKey(Enumerable.Repeat((byte)9, 32).ToArray()));
        Assert.Equal(1, AuditChain.Verify(Key, forged)?.Seq);
    }

    [Fact]
    public void Removing_an_entry_is_detected()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);
        Assert.Equal(8, AuditChain.Verify(Key, chain)?.Seq);
    }

    [Fact]
    public void Removing_the_last_entries_leaves_a_valid_prefix_which_only_the_head_and_checkpoints_can_catch()
    {
        Assert.Null(AuditChain.Verify(Key, Chain(10).Take(7)));
    }

    [Fact]
    public void Legacy_entries_are_reported_until_resealed()
    {
        var chain = Chain(3);
        chain[0] = chain[0] with { Format = AuditChain.Legacy };
        Assert.Contains("reseal", AuditChain.Verify(Key, chain)!.Reason);
    }

    [Property(MaxTest = 100)]
    public bool Any_single_character_change_in_changes_is_detected(int seed, byte position)
    {
        var chain = Chain(5, seed);
        var r = chain[2];
        var i = position % r.Changes.Length;
        var altered = r.Changes[..i] + (char)(r.Changes[i] + 1) + r.Changes[(i + 1)..];
        chain[2] = r with { Changes = altered };
        return AuditChain.Verify(Key, chain)?.Seq == 3;
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted_to_forge_the_same_seal()
    {
        var a = AuditChain.ComputeHash(Key, new AuditRecord(0, 1, null, 0, "ab", "c", "Added", "E", "1", "{}", AuditChain.Genesis, ""));
        var b = AuditChain.ComputeHash(Key, new AuditRecord(0, 1, null, 0, "a", "bc", "Added", "E", "1", "{}", AuditChain.Genesis, ""));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Fingerprints_match_for_equal_values_differ_for_others_and_depend_on_the_key()
    {
        Assert.Equal(Key.Fingerprint("0987654321"), Key.Fingerprint("0987654321"));
        Assert.NotEqual(Key.Fingerprint("0987654321"), Key.Fingerprint("0987654322"));
        Assert.NotEqual(Key.Fingerprint("0987654321"), new AuditKey(new byte[32]).Fingerprint("0987654321"));
        Assert.DoesNotContain("0987654321", Key.Fingerprint("0987654321"));
    }

    [Fact]
    public void A_checkpoint_signature_covers_its_heads_and_its_predecessor()
    {
        IReadOnlyList<ChainHead> heads = [new(3, 10, "aa"), new(5, 2, "bb")];
        var text = CheckpointRecord.HeadsText(heads);
        var c = new CheckpointRecord(2, 100, "daily", heads, "prev", CheckpointRecord.Sign(Key, 2, 100, "daily", text, "prev"));
        Assert.True(c.SignatureHolds(Key));
        Assert.False((c with { Heads = [new(3, 9, "aa"), new(5, 2, "bb")] }).SignatureHolds(Key));
        Assert.False((c with { PrevSignature = "other" }).SignatureHolds(Key));
        Assert.False(c.SignatureHolds(new AuditKey(new byte[32])));
        Assert.Equal(heads, CheckpointRecord.ParseHeads(text));
    }

    [Fact]
    public void A_key_shorter_than_32_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AuditKey(new byte[16]));
    }
}
