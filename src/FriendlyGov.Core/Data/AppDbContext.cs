using System.Linq.Expressions;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FriendlyGov.Core.Data;

public partial class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every instance; each one encrypted at rest.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>Name of the tenant query filter, for the few public queries that must read across communes.</summary>
    public const string UnitFilter = "Unit";

    // Until leased (or made by Create) a context reaches nothing: a context taken from the pool without its request's scope
    // must fail closed, never act with the previous request's rights or the system's.
    private IUnitScope _scope = UnleasedScope.Instance;
    private TimeProvider _clock = TimeProvider.System;
    private AuditKey? _auditKey;

    /// <summary>
    /// A context outside the pool (operator commands, jobs, tests) with its scope, clock and audit key. One constructor only:
    /// EF pools contexts that have exactly one, taking the options.
    /// </summary>
    public static AppDbContext Create(DbContextOptions<AppDbContext> options, IUnitScope? scope = null, TimeProvider? clock = null, AuditKey? auditKey = null)
    {
        var db = new AppDbContext(options);
        db._scope = scope ?? new SystemScope();
        db._clock = clock ?? TimeProvider.System;
        db._auditKey = auditKey;
        return db;
    }

    /// <summary>A context going back to the pool (or away) keeps no request's rights.</summary>
    public override void Dispose()
    {
        _scope = UnleasedScope.Instance;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _scope = UnleasedScope.Instance;
        return base.DisposeAsync();
    }

    private sealed class UnleasedScope : IUnitScope
    {
        public static readonly UnleasedScope Instance = new();
        public bool IsRestricted => true;
        public int[] ReadableUnitIds => [];
        public bool CanRead(int unitId) => false;
        public bool CanWrite(int unitId) => false;
        public int? HomeUnitId => null;
        public string? ActorId => null;
        public string? ActorName => null;
    }

    /// <summary>
    /// Gives a pooled context to one request: its scope (tenancy and actor), clock and audit key, and forgets everything the
    /// previous lease left (hand-overs, deferred seals, locked heads). EF resets its own state when the context returns.
    /// </summary>
    public void Lease(IUnitScope scope, TimeProvider clock, AuditKey key)
    {
        _scope = scope;
        _clock = clock;
        _auditKey = key;
        _handOverTo.Clear();
        _deferred = null;
        _lockedHeads.Clear();
        _lockedIn = null;
    }

    /// <summary>
    /// The key that seals the log and fingerprints personal values: given, or the application's (registered by the web app).
    /// Never stored in the database.
    /// </summary>
    public AuditKey AuditKey => _auditKey ??= AppService<AuditKey>()
        ?? throw new InvalidOperationException("No audit key is configured (Audit:Key or Audit:KeyFile): the audit log cannot be sealed.");

    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();
    public DbSet<UnitEvent> UnitEvents => Set<UnitEvent>();
    public DbSet<CommuneProfile> CommuneProfiles => Set<CommuneProfile>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<AuditCheck> AuditChecks => Set<AuditCheck>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<RateWindow> RateWindows => Set<RateWindow>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<CalendarDayOverride> CalendarOverrides => Set<CalendarDayOverride>();
    public DbSet<UnitOfficeHours> OfficeHours => Set<UnitOfficeHours>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureForm> ProcedureForms => Set<ProcedureForm>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierStep> DossierSteps => Set<DossierStep>();
    public DbSet<DossierDaySequence> DossierSequences => Set<DossierDaySequence>();
    public DbSet<DossierFile> DossierFiles => Set<DossierFile>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<RatingFollowUp> FollowUps => Set<RatingFollowUp>();
    public DbSet<SatisfactionDayFigures> SatisfactionFigures => Set<SatisfactionDayFigures>();
    public DbSet<PetitionDayFigures> PetitionFigures => Set<PetitionDayFigures>();
    public DbSet<KioskSession> KioskSessions => Set<KioskSession>();
    public DbSet<PetitionCategory> PetitionCategories => Set<PetitionCategory>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationAttempt> NotificationAttempts => Set<NotificationAttempt>();
    public DbSet<NotificationTemplate> NotificationTemplates => Set<NotificationTemplate>();
    public DbSet<ScheduledRun> ScheduledRuns => Set<ScheduledRun>();
    public DbSet<AreaSubscription> AreaSubscriptions => Set<AreaSubscription>();
    public DbSet<PetitionEvent> PetitionEvents => Set<PetitionEvent>();
    public DbSet<PetitionPhoto> PetitionPhotos => Set<PetitionPhoto>();
    public DbSet<PartnerApp> PartnerApps => Set<PartnerApp>();
    public DbSet<CommuneModel> CommuneModels => Set<CommuneModel>();
    public DbSet<BoardMember> BoardMembers => Set<BoardMember>();
    public DbSet<ModelPlanTask> PlanTasks => Set<ModelPlanTask>();
    public DbSet<ReadinessItem> ReadinessItems => Set<ReadinessItem>();
    public DbSet<ModelProposal> Proposals => Set<ModelProposal>();
    public DbSet<CommitmentText> CommitmentTexts => Set<CommitmentText>();
    public DbSet<CommitmentSignature> CommitmentSignatures => Set<CommitmentSignature>();
    public DbSet<ModelEvent> ModelEvents => Set<ModelEvent>();
    public DbSet<GoodPractice> GoodPractices => Set<GoodPractice>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<InspectionRecommendation> Recommendations => Set<InspectionRecommendation>();
    public DbSet<ModelFile> ModelFiles => Set<ModelFile>();
    public DbSet<Disclosure> Disclosures => Set<Disclosure>();
    public DbSet<DisclosureFile> DisclosureFiles => Set<DisclosureFile>();
    public DbSet<ClearanceProject> ClearanceProjects => Set<ClearanceProject>();
    public DbSet<ProjectMeeting> ProjectMeetings => Set<ProjectMeeting>();
    public DbSet<AffectedHousehold> AffectedHouseholds => Set<AffectedHousehold>();
    public DbSet<HouseholdVisit> HouseholdVisits => Set<HouseholdVisit>();
    public DbSet<LandDonation> LandDonations => Set<LandDonation>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<ConsultationComment> ConsultationComments => Set<ConsultationComment>();
    public DbSet<ConsultationResponse> ConsultationResponses => Set<ConsultationResponse>();
    public DbSet<HouseholdVote> HouseholdVotes => Set<HouseholdVote>();

    public IUnitScope Scope => _scope;
    public TimeProvider Clock => _clock;

    // Read by the query filters at query time (EF Core parameterises members of the context); null means unrestricted.
    // The SQL is `@unrestricted OR "UnitId" IN (@id1, ...)`: PostgreSQL plans each execution with its values and uses the
    // unit index; SQLite cannot, and scans (measured in bench/, docs/benchmarks.md).
    private int[]? ScopeUnitIds => _scope.IsRestricted ? _scope.ReadableUnitIds : null;

    /// <summary>True on PostgreSQL. Asked on every save; the provider of a context (pooled or not) never changes, so it is read once.</summary>
    public bool IsPostgres => _isPostgres ??= Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private bool? _isPostgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite hands them back unspecified, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        // Each entity is configured beside it (IEntityTypeConfiguration, one per entity, in its capability's folder).
        b.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // The audit log is read by the unit it concerns (null: the system chain): a filter on this context's scope.
        b.Entity<AuditEntry>(e => e.HasQueryFilter(UnitFilter, a => ScopeUnitIds == null || (a.UnitId != null && ScopeUnitIds.Contains(a.UnitId.Value))));

        // Every commune-owned table: unit id indexed first, and the tenant filter.
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IUnitOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            var entity = b.Entity(type.ClrType);
            if (type.FindPrimaryKey()?.Properties[0].Name != nameof(IUnitOwned.UnitId))
                entity.HasIndex(nameof(IUnitOwned.UnitId));
            var p = Expression.Parameter(type.ClrType, "e");
            var ctx = Expression.Constant(this);
            var ids = Expression.Property(ctx, nameof(ScopeUnitIds));
            var body = Expression.OrElse(
                Expression.Equal(ids, Expression.Constant(null, typeof(int[]))),
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], ids, Expression.Property(p, nameof(IUnitOwned.UnitId))));
            entity.HasQueryFilter(UnitFilter, Expression.Lambda(body, p));
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    private static long _referenceVersion;

    /// <summary>
    /// Moves whenever this process saves reference data that requests cache (units and their events, procedures, days off,
    /// office hours): what the caches of the unit lookup, the procedure lookup and the working calendar key on.
    /// </summary>
    public static long ReferenceVersion => Interlocked.Read(ref _referenceVersion);

    public static bool IsCachedReference(object entity) =>
        entity is CalendarDayOverride or UnitOfficeHours or AdministrativeUnit or UnitEvent or Procedure;

    /// <summary>Another instance committed reference data: whatever this process cached of it is dropped.</summary>
    public static void ReferenceChangedElsewhere() => Interlocked.Increment(ref _referenceVersion);

    /// <summary>A service of the application that composed this context (null for a context built by hand).</summary>
    public T? AppService<T>() where T : class =>
        (_appServices ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider)?.GetService(typeof(T)) as T;

    private IServiceProvider? _appServices;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries().Any(e => IsCachedReference(e.Entity) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            // Bumped before and after the save: a value read while the save runs is never kept past it.
            Interlocked.Increment(ref _referenceVersion);
            try { return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken); }
            finally { Interlocked.Increment(ref _referenceVersion); }
        }
        return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Every text within its column's declared length, checked the same way on both databases.</summary>
    private static void CheckLengths(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        foreach (var p in entry.Properties)
            if (p.Metadata.ClrType == typeof(string) && p.Metadata.GetMaxLength() is int max && p.CurrentValue is string s && s.Length > max
                && (entry.State == EntityState.Added || p.IsModified))
                throw new ValueTooLongException(entry.Metadata.ClrType.Name, p.Metadata.Name, max);
    }

    /// <summary>Stamps the actor's unit on new commune rows and refuses any change outside the actor's units.</summary>
    private void ApplyUnitRules()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State != EntityState.Deleted) CheckLengths(entry);
            if (entry.Entity is IAppendOnly && entry.State != EntityState.Added)
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are never changed once written.");
            switch (entry.Entity)
            {
                case IUnitOwned owned:
                    if (entry.State == EntityState.Added && owned.UnitId == 0 && _scope.HomeUnitId is int home) owned.UnitId = home;
                    Guard(entry.Metadata.ClrType.Name, owned.UnitId, adding: entry.State == EntityState.Added);
                    if (entry.State == EntityState.Modified)
                        Guard(entry.Metadata.ClrType.Name, (int)entry.Property(nameof(IUnitOwned.UnitId)).OriginalValue!);
                    break;
                case ApplicationUser user when user.UnitId is int unit && entry.State != EntityState.Unchanged:
                    Guard(nameof(ApplicationUser), unit);
                    break;
            }
        }
    }

    private void Guard(string entity, int unitId, bool adding = false)
    {
        if (adding && _handOverTo.Contains(unitId)) return;
        if (!_scope.CanWrite(unitId)) throw new UnitAccessDeniedException(entity, unitId);
    }

    private readonly HashSet<int> _handOverTo = [];

    /// <summary>
    /// Lets the actor add rows owned by <paramref name="unitId"/> until disposed: a petition transferred to another unit is
    /// created there by the sender unit's staff. Only additions; nothing of that unit can be changed or deleted.
    /// </summary>
    public IDisposable AllowHandOverTo(int unitId)
    {
        _handOverTo.Add(unitId);
        return new HandOver(() => _handOverTo.Remove(unitId));
    }

    private sealed class HandOver(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Metadata.FindProperty("Version");
            if (version is { IsConcurrencyToken: true } && version.ClrType == typeof(int))
            {
                var p = entry.Property("Version");
                p.CurrentValue = (int)p.OriginalValue! + 1;
            }
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
