using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FriendlyGov.Core.Data;

/// <summary>
/// Turns tracked changes into audit entries: captured (personal values already fingerprinted) before the save,
/// sealed into their units' chains after it.
/// </summary>
internal static class AuditTrail
{
    public const string Masked = "***";

    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Vietnamese readable in the log
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Bookkeeping of the log itself, of retries, of sign-in throttling and the data-protection keys: never audited.</summary>
    private static bool IsLogBookkeeping(object entity) => entity is AuditChainHead or AuditCheck or IdempotencyRecord or SignInThrottle
        or Notification or NotificationAttempt or ScheduledRun or SatisfactionDayFigures or PetitionDayFigures
        or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey;

    internal sealed record Pending(EntityEntry Entry, string Action, string Entity, Dictionary<string, object?> Changes, string? KeyBeforeSave, int? UnitBeforeSave);

    public static List<Pending> Capture(AppDbContext db, Func<AuditKey> key)
    {
        var result = new List<Pending>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry or AuditCheckpoint)
            {
                // Checkpoints are added (signed) by AuditSeals; entries only by this trail; neither is ever changed.
                if (entry.State is not (EntityState.Unchanged or EntityState.Detached) && !(entry.Entity is AuditCheckpoint && entry.State == EntityState.Added))
                    throw new InvalidOperationException("The audit log is append-only and written only by the audit trail.");
                continue;
            }
            if (IsLogBookkeeping(entry.Entity)) continue;
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;

            var changes = new Dictionary<string, object?>();
            foreach (var p in entry.Properties)
            {
                // Shadow properties are EF bookkeeping, except foreign keys, which say what a row belongs to.
                if (p.Metadata.IsShadowProperty() && !p.Metadata.IsForeignKey()) continue;
                var name = p.Metadata.Name;
                var cls = PersonalData.Effective(p.Metadata);
                switch (entry.State)
                {
                    case EntityState.Added when p.CurrentValue is not null && !p.IsTemporary:
                        changes[name] = Show(cls, p.CurrentValue, key);
                        break;
                    case EntityState.Deleted:
                        changes[name] = Show(cls, p.OriginalValue, key);
                        break;
                    case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                        changes[name] = new[] { Show(cls, p.OriginalValue, key), Show(cls, p.CurrentValue, key) };
                        break;
                }
            }
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var action = entry.State switch { EntityState.Added => "Added", EntityState.Deleted => "Deleted", _ => "Modified" };
            result.Add(new Pending(entry, action, entry.Metadata.DisplayName(), changes,
                entry.State == EntityState.Deleted ? KeyOf(entry) : null,
                entry.State == EntityState.Deleted ? UnitOf(entry) : null));
        }
        return result;
    }

    /// <summary>What the log keeps of one value: itself, its keyed fingerprint, or "***".</summary>
    public static object? Show(AuditValueClass cls, object? value, Func<AuditKey> key) => value is null ? null : cls switch
    {
        AuditValueClass.Plain => value,
        AuditValueClass.Secret => Masked,
        _ => key().Fingerprint(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>The entries of one save, before sealing: their unit (and so chain) and key are known only after the rows are written.</summary>
    public static List<AuditEntry> Build(List<Pending> pending, DateTime now, string? actorId, string? actorName)
    {
        // Millisecond precision survives both SQLite text and PostgreSQL microseconds, so the seal can be recomputed.
        var at = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return pending.Select(p =>
        {
            var unitId = p.UnitBeforeSave ?? UnitOf(p.Entry);
            return new AuditEntry
            {
                Chain = unitId ?? 0, UnitId = unitId, At = at, UserId = actorId, UserName = actorName, Action = p.Action,
                Entity = p.Entity, EntityId = p.KeyBeforeSave ?? KeyOf(p.Entry), Changes = JsonSerializer.Serialize(p.Changes, Json),
                PrevHash = "", Hash = "", Format = AuditChain.Keyed,
            };
        }).ToList();
    }

    /// <summary>Extends one chain: numbers and seals the entries after the locked head, and moves the head.</summary>
    public static void Seal(AuditKey key, AuditChainHead head, IEnumerable<AuditEntry> entries, DateTime now, bool keepTimes = false)
    {
        // One extension, one instant (millisecond precision survives both databases, so the seal can be recomputed).
        var at = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        foreach (var e in entries)
        {
            if (!keepTimes) e.At = at;
            e.Seq = ++head.Seq;
            e.PrevHash = head.Hash;
            e.Hash = AuditChain.ComputeHash(key, e.ToRecord());
            head.Hash = e.Hash;
        }
        head.UpdatedAt = now;
    }

    /// <summary>True when the row's key (and unit) are known before it is written: its entry can be built before the save.</summary>
    public static bool KeysKnown(EntityEntry entry) =>
        entry.IsKeySet && entry.Metadata.FindPrimaryKey()!.Properties.All(p => !entry.Property(p.Name).IsTemporary);

    /// <summary>The chains a set of pending entries will extend.</summary>
    public static IEnumerable<int> Chains(List<Pending> pending) => pending.Select(p => (p.UnitBeforeSave ?? UnitOf(p.Entry)) ?? 0).Distinct();

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
    }

    /// <summary>The unit an entry concerns, so a commune's leader and its supervisors find it in their log, and its chain.</summary>
    private static int? UnitOf(EntityEntry entry) => entry.Entity switch
    {
        IUnitOwned owned => owned.UnitId,
        ApplicationUser user => user.UnitId,
        AdministrativeUnit unit => unit.Level == UnitLevel.Village ? unit.ParentId : unit.Id,
        UnitEvent ev => ev.UnitId,
        CalendarDayOverride => null,
        _ => null,
    };

    /// <summary>The entity type the log names an entry by (its display name), for classifying old entries' values.</summary>
    public static IReadOnlyEntityType? EntityTypeNamed(IModel model, string displayName) =>
        model.GetEntityTypes().FirstOrDefault(t => t.DisplayName() == displayName);
}
