using System.Security.Cryptography;
using System.Text;

namespace FriendlyGov.Core.Domain;

/// <summary>The fields of one audit entry that its seal covers. <see cref="Chain"/> is the unit id (0: the system's own chain).</summary>
public sealed record AuditRecord(
    int Chain, long Seq, int? UnitId, long AtTicks, string? UserId, string? UserName,
    string Action, string Entity, string EntityId, string Changes, string PrevHash, string Hash, int Format = AuditChain.Keyed);

/// <summary>
/// The audit key: a secret kept outside the database (configuration or a key file). It seals entries and checkpoints with
/// HMAC-SHA-256, so whoever can write the database but does not hold the key cannot forge a seal; and it fingerprints
/// personal values, so the log can tell "changed to the same value as X" without keeping X.
/// </summary>
public sealed class AuditKey
{
    public const int MinimumBytes = 32;
    private readonly byte[] _key;

    public AuditKey(byte[] key)
    {
        if (key.Length < MinimumBytes) throw new ArgumentException($"The audit key must be at least {MinimumBytes} bytes.", nameof(key));
        _key = [.. key];
        Id = Convert.ToHexStringLower(SHA256.HashData(_key))[..8];
    }

    public static AuditKey FromBase64(string text) => new(Convert.FromBase64String(text.Trim()));

    public static string NewBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <summary>A short public name of the key (hash prefix): tells which key sealed what without revealing it.</summary>
    public string Id { get; }

    public string Mac(string purpose, string canonical)
    {
        var data = Encoding.UTF8.GetBytes(purpose + "\n" + canonical);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, data));
    }

    /// <summary>The keyed fingerprint of a personal value: equal values give equal fingerprints; the value cannot be read back.</summary>
    public string Fingerprint(string value) => "fp:" + Mac("personal-value", value)[..20];

    /// <summary>
    /// The one keyed hash of a client's address (ratings, comments): the same on every instance and after a restart, so flood
    /// and duplicate checks hold across the cluster, and never the address itself.
    /// </summary>
    public string ClientHash(string client) => Mac("client-address", client);
}

/// <summary>
/// Tamper evidence for the audit log, one chain per unit: each entry's seal (HMAC-SHA-256 with the audit key) covers
/// its fields, its chain and the previous entry's seal, so changing, removing or reordering any entry breaks every seal after it,
/// and nobody without the key can compute a new one. Checkpoints (signed heads) catch a cut-off tail.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    /// <summary>Entries written before per-unit keyed chains: one global chain of plain SHA-256 (resealed by the one-time operation).</summary>
    public const int Legacy = 1;
    public const int Keyed = 2;

    /// <summary>Length-prefixed fields: no choice of field values can make two different entries hash alike.</summary>
    public static string Canonical(params string?[] parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            var p = part ?? "";
            sb.Append(p.Length).Append(':').Append(p).Append('|');
        }
        return sb.ToString();
    }

    public static string ComputeHash(AuditKey key, AuditRecord r) => key.Mac("audit-entry", Canonical(
        r.Chain.ToString(), r.Seq.ToString(), r.UnitId?.ToString(), r.AtTicks.ToString(), r.UserId, r.UserName,
        r.Action, r.Entity, r.EntityId, r.Changes, r.PrevHash));

    /// <summary>The seal of the entries written before this change (global chain, plain SHA-256, no key).</summary>
    public static string LegacyHash(AuditRecord r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(
        r.Seq.ToString(), r.UnitId?.ToString(), r.AtTicks.ToString(), r.UserId, r.UserName, r.Action, r.Entity, r.EntityId, r.Changes, r.PrevHash))));

    /// <summary>Checks one chain's entries in sequence order; returns the first broken one, or null when the chain holds.</summary>
    public static AuditBreak? Verify(AuditKey key, IEnumerable<AuditRecord> ordered)
    {
        var verifier = new Verifier(key);
        foreach (var r in ordered)
            if (verifier.Check(r) is { } broken) return broken;
        return null;
    }

    /// <summary>Checks a stream of entries of one or more chains (ordered by chain, then sequence) without holding them in memory.</summary>
    public sealed class Verifier(AuditKey key)
    {
        private int? _chain;
        private string _prevHash = Genesis;
        private long _expectedSeq = 1;

        public int? Chain => _chain;
        public long LastSeq => _expectedSeq - 1;
        public string LastHash => _prevHash;

        public AuditBreak? Check(AuditRecord r)
        {
            if (r.Chain != _chain) { _chain = r.Chain; _prevHash = Genesis; _expectedSeq = 1; }
            if (r.Format != Keyed) return new AuditBreak(r.Chain, r.Seq, "entry written before keyed chains and not resealed (run audit-reseal)");
            if (r.Seq != _expectedSeq) return new AuditBreak(r.Chain, r.Seq, $"expected entry {_expectedSeq}, found {r.Seq} (entries missing)");
            if (r.PrevHash != _prevHash) return new AuditBreak(r.Chain, r.Seq, "previous-seal link does not match");
            if (ComputeHash(key, r) != r.Hash) return new AuditBreak(r.Chain, r.Seq, "content does not match its seal");
            _prevHash = r.Hash;
            _expectedSeq++;
            return null;
        }
    }
}

/// <summary>Where a chain broke: the unit's chain (0: the system's), the entry, and why.</summary>
public sealed record AuditBreak(int Chain, long Seq, string Reason);

/// <summary>One chain's head as a checkpoint records it.</summary>
public sealed record ChainHead(int Chain, long Seq, string Hash);

/// <summary>A signed record of every chain's head at a moment: what a later deletion of the tail is measured against.</summary>
public sealed record CheckpointRecord(long Seq, long AtTicks, string Trigger, IReadOnlyList<ChainHead> Heads, string PrevSignature, string Signature)
{
    public static string HeadsText(IEnumerable<ChainHead> heads) =>
        string.Join(";", heads.OrderBy(h => h.Chain).Select(h => $"{h.Chain}:{h.Seq}:{h.Hash}"));

    public static IReadOnlyList<ChainHead> ParseHeads(string text) =>
        text.Length == 0 ? [] : text.Split(';').Select(p => p.Split(':')).Select(p => new ChainHead(int.Parse(p[0]), long.Parse(p[1]), p[2])).ToList();

    public static string Sign(AuditKey key, long seq, long atTicks, string trigger, string headsText, string prevSignature) =>
        key.Mac("audit-checkpoint", AuditChain.Canonical(seq.ToString(), atTicks.ToString(), trigger, headsText, prevSignature));

    public bool SignatureHolds(AuditKey key) => Sign(key, Seq, AtTicks, Trigger, HeadsText(Heads), PrevSignature) == Signature;
}
