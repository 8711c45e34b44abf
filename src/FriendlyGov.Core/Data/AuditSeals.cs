using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Core.Data;

/// <summary>The outcome of verifying the log: how much was checked and every chain (or checkpoint) found broken.</summary>
public sealed record AuditVerification(long Entries, int Chains, int Checkpoints, IReadOnlyList<AuditBreak> Breaks)
{
    public bool Intact => Breaks.Count == 0;
}

/// <summary>A checkpoint as exported for an operator to keep off the machine (and read back by verify-audit --checkpoints).</summary>
public sealed record ExportedCheckpoint(long Seq, DateTime At, long AtTicks, string Trigger, string Heads, string PrevSignature, string Signature)
{
    public CheckpointRecord ToRecord() => new(Seq, AtTicks, Trigger, CheckpointRecord.ParseHeads(Heads), PrevSignature, Signature);
}

public sealed record CheckpointExport(string Format, DateTime ExportedAt, string KeyId, IReadOnlyList<ExportedCheckpoint> Checkpoints)
{
    public const string CurrentFormat = "friendlygov-audit-checkpoints/1";
}

/// <summary>
/// Verifying the chains, signing checkpoints of their heads, and the one-time reseal of the entries written before keyed
/// per-unit chains. Chain 0 holds the system's own records; every other chain is a unit's, named by its id.
/// </summary>
public static class AuditSeals
{
    /// <summary>
    /// Verifies every chain (or one unit's): each entry's seal and link, that each chain reaches its head, that every stored
    /// checkpoint is signed, unbroken and still matched by the entries it names, and the same for the checkpoints of an
    /// exported file (a removed or altered checkpoint, a cut tail, a rewritten history).
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, int? chain = null, CheckpointExport? file = null, CancellationToken ct = default)
    {
        var key = db.AuditKey;
        var breaks = new Dictionary<int, AuditBreak>();
        var checkpointBreaks = new List<AuditBreak>();
        void Broke(AuditBreak b) { if (!breaks.ContainsKey(b.Chain)) breaks[b.Chain] = b; }

        // What the checkpoints (stored and exported) say each chain held: checked against the entries as they stream by.
        var stored = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Seq).ToListAsync(ct);
        var expected = new Dictionary<(int Chain, long Seq), (string Hash, long Checkpoint, bool FromFile)>();
        void Expect(CheckpointRecord c, bool fromFile)
        {
            foreach (var h in c.Heads.Where(h => h.Seq > 0 && (chain is null || h.Chain == chain)))
                expected.TryAdd((h.Chain, h.Seq), (h.Hash, c.Seq, fromFile));
        }
        string prevSignature = AuditChain.Genesis;
        long expectedCheckpoint = 1;
        foreach (var c in stored.Select(s => s.ToRecord()))
        {
            if (c.Seq != expectedCheckpoint)
                checkpointBreaks.Add(new AuditBreak(-1, c.Seq, $"checkpoint {expectedCheckpoint} is missing (found {c.Seq})"));
            else if (c.PrevSignature != prevSignature)
                checkpointBreaks.Add(new AuditBreak(-1, c.Seq, $"checkpoint {c.Seq} does not follow checkpoint {c.Seq - 1}"));
            if (!c.SignatureHolds(key)) checkpointBreaks.Add(new AuditBreak(-1, c.Seq, $"checkpoint {c.Seq} does not match its signature"));
            prevSignature = c.Signature;
            expectedCheckpoint = c.Seq + 1;
            Expect(c, fromFile: false);
        }
        if (file is not null)
        {
            var bySeq = stored.ToDictionary(s => s.Seq);
            foreach (var f in file.Checkpoints.OrderBy(f => f.Seq))
            {
                var record = f.ToRecord();
                if (!record.SignatureHolds(key))
                    checkpointBreaks.Add(new AuditBreak(-1, f.Seq, $"checkpoint {f.Seq} of the file is not signed with this key"));
                else if (!bySeq.TryGetValue(f.Seq, out var mine))
                    checkpointBreaks.Add(new AuditBreak(-1, f.Seq, $"checkpoint {f.Seq} of the file was removed from the database"));
                else if (mine.Signature != f.Signature)
                    checkpointBreaks.Add(new AuditBreak(-1, f.Seq, $"checkpoint {f.Seq} in the database differs from the file"));
                Expect(record, fromFile: true);
            }
        }

        var heads = await db.AuditChainHeads.AsNoTracking().Where(h => chain == null || h.Chain == chain).ToDictionaryAsync(h => h.Chain, ct);
        var ends = new Dictionary<int, (long Seq, string Hash)>();
        long count = 0;
        var verifier = new AuditChain.Verifier(key);
        var entries = db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => chain == null || a.Chain == chain)
            .OrderBy(a => a.Chain).ThenBy(a => a.Seq).AsAsyncEnumerable();
        await foreach (var e in entries.WithCancellation(ct))
        {
            count++;
            if (breaks.ContainsKey(e.Chain)) continue;
            if (verifier.Check(e.ToRecord()) is { } broken) { Broke(broken); continue; }
            ends[e.Chain] = (e.Seq, e.Hash);
            if (expected.TryGetValue((e.Chain, e.Seq), out var x) && x.Hash != e.Hash)
                Broke(new AuditBreak(e.Chain, e.Seq, $"entry differs from checkpoint {x.Checkpoint}{(x.FromFile ? " of the file" : "")} (history rewritten)"));
        }
        foreach (var (c, head) in heads)
        {
            if (breaks.ContainsKey(c)) continue;
            var end = ends.GetValueOrDefault(c, (0, AuditChain.Genesis));
            if (end.Seq != head.Seq || end.Hash != head.Hash)
                Broke(new AuditBreak(c, end.Seq + 1, $"the chain ends at entry {end.Seq} but its head records entry {head.Seq} (entries removed)"));
        }
        foreach (var ((c, seq), x) in expected)
        {
            if (breaks.ContainsKey(c)) continue;
            var end = ends.GetValueOrDefault(c, (0, AuditChain.Genesis));
            if (end.Seq < seq)
                Broke(new AuditBreak(c, end.Seq + 1, $"checkpoint {x.Checkpoint}{(x.FromFile ? " of the file" : "")} recorded entry {seq}, the chain ends at {end.Seq} (tail cut off)"));
        }
        foreach (var c in ends.Keys.Where(c => !heads.ContainsKey(c) && !breaks.ContainsKey(c)))
            Broke(new AuditBreak(c, ends[c].Seq, "the chain has no head (head removed)"));

        var all = breaks.Values.OrderBy(b => b.Chain).Concat(checkpointBreaks).ToList();
        return new AuditVerification(count, ends.Keys.Union(heads.Keys).Count(), stored.Count, all);
    }

    /// <summary>Signs a checkpoint of every chain's committed head, chained to the previous checkpoint.</summary>
    public static async Task<AuditCheckpoint> CheckpointAsync(AppDbContext db, string trigger, DateTime now, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var heads = await db.AuditChainHeads.AsNoTracking().Where(h => h.Seq > 0).Select(h => new ChainHead(h.Chain, h.Seq, h.Hash)).ToListAsync(ct);
                var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Seq).Select(c => new { c.Seq, c.Signature }).FirstOrDefaultAsync(ct);
                var at = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
                var seq = (last?.Seq ?? 0) + 1;
                var prev = last?.Signature ?? AuditChain.Genesis;
                var text = CheckpointRecord.HeadsText(heads);
                var checkpoint = new AuditCheckpoint
                {
                    Seq = seq, At = at, Trigger = trigger, Heads = text, PrevSignature = prev,
                    Signature = CheckpointRecord.Sign(db.AuditKey, seq, at.Ticks, trigger, text, prev),
                };
                db.AuditCheckpoints.Add(checkpoint);
                await db.SaveChangesAsync(ct);
                return checkpoint;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear(); // another checkpoint took the number first
            }
        }
    }

    public static async Task<CheckpointExport> ExportAsync(AppDbContext db, DateTime now, CancellationToken ct = default) =>
        new(CheckpointExport.CurrentFormat, now, db.AuditKey.Id, (await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Seq).ToListAsync(ct))
            .Select(c => new ExportedCheckpoint(c.Seq, c.At, c.At.Ticks, c.Trigger, c.Heads, c.PrevSignature, c.Signature)).ToList());

    private static readonly Regex PhoneLike = new(@"^\+?\d{9,12}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The one-time reseal of the log written before this version: the old single chain (plain SHA-256) is verified first and
    /// its head recorded; every entry's personal values become keyed fingerprints (citizens' account names, which are phones,
    /// become "công dân"); all entries are renumbered into their units' chains and sealed with the key; the heads are rebuilt; and a
    /// "Resealed" entry in the system chain records the old head and what was done. Refuses when the old chain is already broken,
    /// unless <paramref name="acceptBroken"/> (the break is recorded). Returns null when there is nothing to reseal.
    /// </summary>
    public static async Task<AuditEntry?> ResealLegacyAsync(AppDbContext db, string actor, DateTime now, bool acceptBroken = false, CancellationToken ct = default)
    {
        if (!await db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Format == AuditChain.Legacy, ct)) return null;
        var key = db.AuditKey;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // 1. The old chain as it stands, before anything is touched.
        var legacy = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.Format == AuditChain.Legacy)
            .OrderBy(a => a.Seq).ToListAsync(ct);
        string prev = AuditChain.Genesis;
        long expectedSeq = legacy[0].Seq == 1 ? 1 : legacy[0].Seq;
        string? legacyBreak = null;
        foreach (var e in legacy)
        {
            var r = e.ToRecord();
            if (e.Seq != expectedSeq) { legacyBreak = $"entry {expectedSeq} missing"; break; }
            if (e.PrevHash != prev) { legacyBreak = $"entry {e.Seq}: previous-hash link does not match"; break; }
            if (AuditChain.LegacyHash(r) != e.Hash) { legacyBreak = $"entry {e.Seq}: content does not match its hash"; break; }
            prev = e.Hash;
            expectedSeq++;
        }
        if (legacyBreak is not null && !acceptBroken)
            throw new InvalidOperationException($"The old audit chain is already broken ({legacyBreak}); resealing would hide it. " +
                "Investigate, then run audit-reseal --accept-broken to reseal and record the break.");
        var oldHeads = await db.AuditChainHeads.AsNoTracking().ToListAsync(ct);

        // 2. Rewrite and renumber: the triggers that keep the log append-only are lifted inside this transaction only.
        await SetAppendOnlyAsync(db, on: false, ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Seq\" = -\"Id\"", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditChainHeads\"", ct);
        var all = await db.AuditEntries.IgnoreQueryFilters().OrderBy(a => a.Id).ToListAsync(ct);
        var heads = new Dictionary<int, AuditChainHead>();
        foreach (var e in all)
        {
            if (e.Format == AuditChain.Legacy)
            {
                e.Changes = RedactLegacy(db, e.Entity, e.Changes, key);
                if (e.UserName is { } name && PhoneLike.IsMatch(name)) e.UserName = "công dân";
            }
            e.Chain = e.UnitId ?? 0;
            e.Format = AuditChain.Keyed;
            if (!heads.TryGetValue(e.Chain, out var head))
                heads[e.Chain] = head = new AuditChainHead { Chain = e.Chain, Seq = 0, Hash = AuditChain.Genesis, UpdatedAt = now };
            AuditTrail.Seal(key, head, [e], now, keepTimes: true);
        }
        await db.BaseSaveAsync(ct);
        await SetAppendOnlyAsync(db, on: true, ct);
        db.AuditChainHeads.AddRange(heads.Values);
        await db.BaseSaveAsync(ct);

        // 3. The operation itself, in the system chain.
        var record = new Dictionary<string, object?>
        {
            ["Operation"] = "Niêm phong lại nhật ký (khóa HMAC, chuỗi theo đơn vị, ẩn dữ liệu cá nhân)",
            ["LegacyEntries"] = legacy.Count, ["LegacyLastSeq"] = legacy[^1].Seq, ["LegacyLastHash"] = legacy[^1].Hash,
            ["LegacyChainIntact"] = legacyBreak is null, ["LegacyBreak"] = legacyBreak,
            ["OldHeads"] = CheckpointRecord.HeadsText(oldHeads.Select(h => new ChainHead(h.Chain, h.Seq, h.Hash))),
            ["ResealedEntries"] = all.Count, ["Chains"] = heads.Count, ["KeyId"] = key.Id,
        };
        var entry = new AuditEntry
        {
            Chain = 0, UnitId = null, At = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
            UserName = actor, Action = "Resealed", Entity = "AuditLog", EntityId = "", PrevHash = "", Hash = "",
            Changes = JsonSerializer.Serialize(record, AuditTrail.Json),
        };
        db.ChangeTracker.Clear();
        AuditTrail.Seal(key, await db.LockChainHeadAsync(0, now, ct), [entry], now);
        db.AuditEntries.Add(entry);
        await db.BaseSaveAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return entry;
    }

    /// <summary>An old entry's JSON with each personal value replaced by its fingerprint, the way new entries are written.</summary>
    public static string RedactLegacy(AppDbContext db, string entity, string changes, AuditKey key)
    {
        if (JsonNode.Parse(changes) is not JsonObject obj) return changes;
        var type = AuditTrail.EntityTypeNamed(db.Model, entity);
        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            var property = type?.FindProperty(name);
            var cls = property is null ? AuditValueClass.Personal : PersonalData.Effective(property);
            if (cls == AuditValueClass.Plain) continue;
            obj[name] = Redact(obj[name], cls, key);
        }
        return obj.ToJsonString(AuditTrail.Json);
    }

    private static JsonNode? Redact(JsonNode? node, AuditValueClass cls, AuditKey key) => node switch
    {
        null => null,
        JsonArray a => new JsonArray(a.Select(x => Redact(x, cls, key)).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        JsonValue v => JsonValue.Create(AuditTrail.Show(cls, v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(), () => key) as string),
        _ => JsonValue.Create(AuditTrail.Show(cls, node.ToJsonString(), () => key) as string),
    };

    private static async Task SetAppendOnlyAsync(AppDbContext db, bool on, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync(on
                ? "ALTER TABLE \"AuditEntries\" ENABLE TRIGGER \"AuditEntries_no_change\""
                : "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER \"AuditEntries_no_change\"", ct);
            return;
        }
        if (on)
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER \"AuditEntries_no_update\" BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;", ct);
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER \"AuditEntries_no_delete\" BEFORE DELETE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\"", ct);
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_delete\"", ct);
        }
    }
}
