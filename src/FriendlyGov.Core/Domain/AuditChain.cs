using System.Security.Cryptography;
using System.Text;

namespace FriendlyGov.Core.Domain;

/// <summary>The fields of one audit entry that its hash covers.</summary>
public sealed record AuditRecord(
    long Seq, int? UnitId, long AtTicks, string? UserId, string? UserName,
    string Action, string Entity, string EntityId, string Changes, string PrevHash, string Hash);

/// <summary>
/// Tamper evidence for the audit log: each entry's hash covers its fields and the previous entry's hash,
/// so changing, removing or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(long seq, int? unitId, long atTicks, string? userId, string? userName,
        string action, string entity, string entityId, string changes, string prevHash)
    {
        // Length-prefixed fields: no choice of field values can make two different entries hash alike.
        var sb = new StringBuilder();
        foreach (var part in new[] { seq.ToString(), unitId?.ToString() ?? "", atTicks.ToString(), userId ?? "",
                     userName ?? "", action, entity, entityId, changes, prevHash })
            sb.Append(part.Length).Append(':').Append(part).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static string ComputeHash(AuditRecord r) =>
        ComputeHash(r.Seq, r.UnitId, r.AtTicks, r.UserId, r.UserName, r.Action, r.Entity, r.EntityId, r.Changes, r.PrevHash);

    /// <summary>Checks entries in sequence order; returns the first broken one, or null when the chain holds.</summary>
    public static AuditBreak? Verify(IEnumerable<AuditRecord> ordered)
    {
        var verifier = new Verifier();
        foreach (var r in ordered)
            if (verifier.Check(r) is { } broken) return broken;
        return null;
    }

    /// <summary>Checks a stream of entries one at a time, so a long log is verified without holding it in memory.</summary>
    public sealed class Verifier
    {
        private string _prevHash = Genesis;
        private long _expectedSeq = 1;

        public AuditBreak? Check(AuditRecord r)
        {
            if (r.Seq != _expectedSeq) return new AuditBreak(r.Seq, $"expected entry {_expectedSeq}, found {r.Seq} (entries missing)");
            if (r.PrevHash != _prevHash) return new AuditBreak(r.Seq, "previous-hash link does not match");
            if (ComputeHash(r) != r.Hash) return new AuditBreak(r.Seq, "content does not match its hash");
            _prevHash = r.Hash;
            _expectedSeq++;
            return null;
        }
    }
}

public sealed record AuditBreak(long Seq, string Reason);
