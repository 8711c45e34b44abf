using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FriendlyGov.Core.Data;

/// <summary>Turns tracked changes into audit entries: captured before the save, sealed into the hash chain after it.</summary>
internal static class AuditTrail
{
    private static readonly HashSet<string> Hidden = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Content"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Vietnamese readable in the log
        Converters = { new JsonStringEnumConverter() },
    };

    internal sealed record Pending(EntityEntry Entry, string Action, string Entity, Dictionary<string, object?> Changes, string? KeyBeforeSave, int? UnitBeforeSave);

    public static List<Pending> Capture(AppDbContext db)
    {
        var result = new List<Pending>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State != EntityState.Unchanged)
                    throw new InvalidOperationException("The audit log is append-only and written only by the audit trail.");
                continue;
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;

            var changes = new Dictionary<string, object?>();
            foreach (var p in entry.Properties)
            {
                // Shadow properties are EF bookkeeping, except foreign keys, which say what a row belongs to.
                if (p.Metadata.IsShadowProperty() && !p.Metadata.IsForeignKey()) continue;
                var name = p.Metadata.Name;
                object? Show(object? v) => Hidden.Contains(name) ? (v is null ? null : "***") : v;
                switch (entry.State)
                {
                    case EntityState.Added when p.CurrentValue is not null && !p.IsTemporary:
                        changes[name] = Show(p.CurrentValue);
                        break;
                    case EntityState.Deleted:
                        changes[name] = Show(p.OriginalValue);
                        break;
                    case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                        changes[name] = new[] { Show(p.OriginalValue), Show(p.CurrentValue) };
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

    public static List<AuditEntry> Seal(List<Pending> pending, long lastSeq, string lastHash, DateTime now, IUnitScope scope)
    {
        // Millisecond precision survives both SQLite text and PostgreSQL microseconds, so the hash can be recomputed.
        var at = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var entries = new List<AuditEntry>(pending.Count);
        foreach (var p in pending)
        {
            var seq = ++lastSeq;
            var entityId = p.KeyBeforeSave ?? KeyOf(p.Entry);
            var unitId = p.UnitBeforeSave ?? UnitOf(p.Entry);
            var changes = JsonSerializer.Serialize(p.Changes, Json);
            var hash = AuditChain.ComputeHash(seq, unitId, at.Ticks, scope.ActorId, scope.ActorName, p.Action, p.Entity, entityId, changes, lastHash);
            entries.Add(new AuditEntry
            {
                Seq = seq, UnitId = unitId, At = at, UserId = scope.ActorId, UserName = scope.ActorName, Action = p.Action,
                Entity = p.Entity, EntityId = entityId, Changes = changes, PrevHash = lastHash, Hash = hash,
            });
            lastHash = hash;
        }
        return entries;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
    }

    /// <summary>The unit an entry concerns, so a commune's leader and its supervisors find it in their log.</summary>
    private static int? UnitOf(EntityEntry entry) => entry.Entity switch
    {
        IUnitOwned owned => owned.UnitId,
        ApplicationUser user => user.UnitId,
        AdministrativeUnit unit => unit.Level == UnitLevel.Village ? unit.ParentId : unit.Id,
        UnitEvent ev => ev.UnitId,
        CalendarDayOverride => null,
        _ => null,
    };
}
