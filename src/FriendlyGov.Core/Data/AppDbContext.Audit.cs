using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FriendlyGov.Core.Data;

/// <summary>
/// The audit kernel of every save: the business rows and their audit entries commit together, each unit's chain extended
/// under its own head row's lock (see docs/architecture.md, "The audit log").
/// </summary>
public partial class AppDbContext
{
    private async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        ApplyUnitRules();
        BumpVersions();
        var pending = AuditTrail.Capture(this, () => AuditKey);
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The business rows and their audit entries commit together. Each unit's chain is extended under its own head row's
        // lock (taken by an upsert, in chain order so two saves never deadlock): communes never wait on each other.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            int written;
            if (_deferred is null && pending.All(p => AuditTrail.KeysKnown(p.Entry)) && AuditTrail.Chains(pending).All(c => LockedHead(c) is not null))
            {
                // Keys given and heads already locked in this transaction (the intake's first command does both): the rows,
                // their entries and the moved heads go to the database in one batch.
                var early = AuditTrail.Build(pending, now, _scope.ActorId, _scope.AuditActorName);
                written = await ExtendChainsAsync(early, now, cancellationToken) - early.Count - early.Select(e => e.Chain).Distinct().Count();
            }
            else
            {
                written = await base.SaveChangesAsync(true, cancellationToken);
                var entries = AuditTrail.Build(pending, now, _scope.ActorId, _scope.AuditActorName);
                if (_deferred is not null)
                {
                    if (ownTransaction is not null) throw new InvalidOperationException("A deferred audit seal needs the caller's transaction.");
                    _deferred.AddRange(entries);
                    return written;
                }
                await ExtendChainsAsync(entries, now, cancellationToken);
            }
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>The action of an entry that records a reading, not a change.</summary>
    public const string ReadAction = "Read";

    /// <summary>The same official reading the same record the same way again within this time adds no entry.</summary>
    public static readonly TimeSpan ReadWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Records that the acting official read these records' personal data (Decree 13/2023: every access to a citizen's
    /// dossier is logged): one entry per record in its unit's chain, sealed like a change, so a reading can be neither hidden
    /// nor invented afterwards without <c>verify-audit</c> seeing it. The entry says what was read and whether in full,
    /// never the values. A reading repeated within <see cref="ReadWindow"/> adds nothing. Called by read-only requests:
    /// the context must hold no unsaved change, which this would write unaudited.
    /// </summary>
    public async Task RecordReadsAsync(IReadOnlyCollection<AuditRead> reads, string? role, CancellationToken ct = default)
    {
        if (reads.Count == 0 || _scope.ActorId is not { } actor) return;
        if (ChangeTracker.HasChanges()) throw new InvalidOperationException("Record a reading before any change, or after saving it.");
        var now = _clock.GetUtcNow().UtcDateTime;
        var since = now - ReadWindow;
        var fresh = new List<AuditEntry>();
        foreach (var group in reads.GroupBy(r => r.Entity))
        {
            var ids = group.Select(r => r.EntityId).Distinct().ToList();
            var recent = (await AuditEntries.IgnoreQueryFilters([UnitFilter]).AsNoTracking()
                .Where(a => a.Entity == group.Key && ids.Contains(a.EntityId) && a.Action == ReadAction && a.UserId == actor && a.At >= since)
                .Select(a => new { a.EntityId, a.Changes }).ToListAsync(ct)).Select(a => (a.EntityId, a.Changes)).ToHashSet();
            foreach (var r in group.DistinctBy(r => (r.EntityId, r.What, r.InFull)))
            {
                var changes = new ReadDetails(r.What, r.InFull, role).ToJson();
                if (recent.Contains((r.EntityId, changes))) continue;
                fresh.Add(new AuditEntry
                {
                    Chain = r.UnitId, UnitId = r.UnitId, At = now, UserId = actor, UserName = _scope.AuditActorName, Action = ReadAction,
                    Entity = r.Entity, EntityId = r.EntityId, Changes = changes, PrevHash = "", Hash = "", Format = AuditChain.Keyed,
                });
            }
        }
        if (fresh.Count == 0) return;
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            await ExtendChainsAsync(fresh, now, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private List<AuditEntry>? _deferred;

    /// <summary>
    /// Within the caller's transaction, lets several saves (a dossier, then its first step) share one extension of each chain:
    /// their entries are sealed together by <see cref="SealDeferredAuditAsync"/>, which must be called before committing.
    /// </summary>
    public void DeferAuditSeal()
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("A deferred audit seal needs a transaction.");
        _deferred ??= [];
    }

    public async Task SealDeferredAuditAsync(CancellationToken ct = default)
    {
        var entries = _deferred ?? throw new InvalidOperationException("No deferred audit seal is open.");
        _deferred = null;
        if (entries.Count > 0) await ExtendChainsAsync(entries, _clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Forgets deferred entries after a failed attempt whose transaction is rolled back.</summary>
    public void DiscardDeferredAudit() => _deferred = null;

    /// <summary>
    /// Seals the entries into their chains (heads locked in chain order, or already locked in this transaction) and writes them
    /// with the moved heads, together with whatever tracked rows are still unsaved. Returns the rows written.
    /// </summary>
    private async Task<int> ExtendChainsAsync(List<AuditEntry> entries, DateTime now, CancellationToken ct)
    {
        foreach (var chain in entries.GroupBy(e => e.Chain).OrderBy(g => g.Key))
            AuditTrail.Seal(AuditKey, await LockChainHeadAsync(chain.Key, now, ct), chain, now);
        AuditEntries.AddRange(entries);
        return await base.SaveChangesAsync(true, ct);
    }

    /// <summary>Writes tracked rows without capturing audit entries: only the reseal of the log itself uses it.</summary>
    internal Task<int> BaseSaveAsync(CancellationToken ct) => base.SaveChangesAsync(true, ct);

    // The heads this context locked, valid only inside the transaction that locked them.
    private readonly Dictionary<int, AuditChainHead> _lockedHeads = [];
    private System.Data.Common.DbTransaction? _lockedIn;

    private AuditChainHead? LockedHead(int chain)
    {
        var tx = Database.CurrentTransaction?.GetDbTransaction();
        if (tx is null || !ReferenceEquals(tx, _lockedIn)) return null;
        return _lockedHeads.GetValueOrDefault(chain);
    }

    /// <summary>
    /// Reads a chain's head and holds it until the transaction ends, creating it on the chain's first entry: one upsert on
    /// PostgreSQL (row lock) and SQLite (inside the write transaction), so the next writer of the same unit queues here.
    /// </summary>
    internal async Task<AuditChainHead> LockChainHeadAsync(int chain, DateTime now, CancellationToken ct)
    {
        if (LockedHead(chain) is { } locked) return locked;
        var head = (await AuditChainHeads.FromSqlRaw(LockHeadSql("{0}", "{1}", "{2}"), chain, AuditChain.Genesis, now)
            .AsNoTracking().ToListAsync(ct)).Single();
        return TrackLockedHead(head);
    }

    /// <summary>
    /// Records a head that a command of this transaction has just locked and read (for instance together with the intake's
    /// day number, in one round trip), so the coming save extends the chain without asking again.
    /// </summary>
    public AuditChainHead TrackLockedHead(AuditChainHead fresh)
    {
        var tx = Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("A chain head is locked only inside a transaction.");
        if (!ReferenceEquals(tx, _lockedIn)) { _lockedHeads.Clear(); _lockedIn = tx; }
        var tracked = ChangeTracker.Entries<AuditChainHead>().FirstOrDefault(h => h.Entity.Chain == fresh.Chain);
        if (tracked is null) AuditChainHeads.Attach(fresh);
        else
        {
            // A head tracked from an earlier transaction holds stale values: take the database's.
            tracked.OriginalValues.SetValues(fresh);
            tracked.CurrentValues.SetValues(fresh);
            tracked.State = EntityState.Unchanged;
            fresh = tracked.Entity;
        }
        return _lockedHeads[fresh.Chain] = fresh;
    }

    /// <summary>
    /// The SQL that locks (creating if needed) and returns one chain's head, with the given parameter placeholders for the
    /// chain, the genesis seal and the time: EF's "{0}" form here, a batch's "$1" form where it is sent with other commands.
    /// </summary>
    public static string LockHeadSql(string chain, string genesis, string now) => $"""
        INSERT INTO "AuditChainHeads" ("Chain", "Seq", "Hash", "UpdatedAt") VALUES ({chain}, 0, {genesis}, {now})
        ON CONFLICT ("Chain") DO UPDATE SET "Chain" = excluded."Chain"
        RETURNING "Chain", "Seq", "Hash", "UpdatedAt"
        """;
}

/// <summary>One record whose personal data an official read: where, which, how (a page, a paper, the API) and whether in full.</summary>
public sealed record AuditRead(int UnitId, string Entity, string EntityId, string What, bool InFull);

/// <summary>What a reading's entry keeps as its <see cref="AuditEntry.Changes"/>: the view, in full or masked, the reader's role.</summary>
public sealed record ReadDetails(string? View, bool InFull, string? Role)
{
    /// <summary>How an entry of a reading in full says so, for counting such entries in the database.</summary>
    public const string InFullJson = "\"InFull\":true";

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, AuditTrail.Json);

    public static ReadDetails Parse(string changes) =>
        System.Text.Json.JsonSerializer.Deserialize<ReadDetails>(changes, AuditTrail.Json) ?? new(null, false, null);
}
