using System.Linq.Expressions;
using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FriendlyGov.Core.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options),
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
    public DbSet<KioskSession> KioskSessions => Set<KioskSession>();
    public DbSet<PetitionCategory> PetitionCategories => Set<PetitionCategory>();
    public DbSet<Petition> Petitions => Set<Petition>();
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

    // Read by the query filters at query time (EF Core parameterises members of the context); null means unrestricted.
    // The SQL is `@unrestricted OR "UnitId" IN (@id1, ...)`: PostgreSQL plans each execution with its values and uses the
    // unit index; SQLite cannot, and scans (measured in bench/, docs/benchmarks.md).
    private int[]? ScopeUnitIds => _scope.IsRestricted ? _scope.ReadableUnitIds : null;

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite hands them back unspecified, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AdministrativeUnit>(e =>
        {
            e.HasIndex(u => u.Code).IsUnique();
            e.HasIndex(u => u.ParentId);
            e.Property(u => u.Code).HasMaxLength(20);
            e.Property(u => u.Name).HasMaxLength(100);
            e.Property(u => u.Identifier).HasMaxLength(40);
            e.Property(u => u.Version).IsConcurrencyToken();
            e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(u => u.SuccessorId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(u => u.FullName);
            e.Ignore(u => u.IsCurrent);
        });

        b.Entity<UnitEvent>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.Effective });
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.OldName).HasMaxLength(100);
            e.Property(x => x.NewName).HasMaxLength(100);
            e.Property(x => x.LegalBasis).HasMaxLength(300);
        });

        b.Entity<CommuneProfile>(e =>
        {
            e.HasKey(p => p.UnitId);
            e.HasOne<AdministrativeUnit>().WithOne().HasForeignKey<CommuneProfile>(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.Address).HasMaxLength(300);
            e.Property(p => p.Phone).HasMaxLength(30);
            e.Property(p => p.Email).HasMaxLength(200);
            e.Property(p => p.OfficeHours).HasMaxLength(300);
            e.Property(p => p.Introduction).HasMaxLength(4000);
            e.Property(p => p.ChairpersonName).HasMaxLength(100);
            e.Property(p => p.Version).IsConcurrencyToken();
        });

        b.Entity<CalendarDayOverride>(e =>
        {
            e.HasIndex(x => x.Date).IsUnique();
            e.Property(x => x.Reason).HasMaxLength(200);
        });

        b.Entity<UnitOfficeHours>(e =>
        {
            e.HasKey(x => x.UnitId);
            e.HasOne<AdministrativeUnit>().WithOne().HasForeignKey<UnitOfficeHours>(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        b.Entity<Procedure>(e =>
        {
            e.HasIndex(p => new { p.UnitId, p.Code }).IsUnique();
            e.HasIndex(p => new { p.UnitId, p.Field });
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.Code).HasMaxLength(30);
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.Field).HasMaxLength(100);
            e.Property(p => p.Fee).HasMaxLength(300);
            e.Property(p => p.TimeLimitDays).HasPrecision(6, 1);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Ignore(p => p.Documents);
            e.Ignore(p => p.Workflow);
            e.Ignore(p => p.SameDay);
        });

        b.Entity<Dossier>(e =>
        {
            e.HasIndex(d => d.Code).IsUnique();
            e.HasIndex(d => d.TrackingKey).IsUnique();
            e.HasIndex(d => new { d.UnitId, d.Status, d.AppointedAt });
            e.HasIndex(d => new { d.UnitId, d.ReceivedAt });
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            e.Property(d => d.Code).HasMaxLength(60);
            e.Property(d => d.TrackingKey).HasMaxLength(32);
            e.Property(d => d.ProcedureCode).HasMaxLength(30);
            e.Property(d => d.ProcedureName).HasMaxLength(300);
            e.Property(d => d.ApplicantName).HasMaxLength(100);
            e.Property(d => d.CitizenId).HasMaxLength(12);
            e.Property(d => d.Phone).HasMaxLength(15);
            e.Property(d => d.Address).HasMaxLength(300);
            e.Property(d => d.TimeLimitDays).HasPrecision(6, 1);
            e.Property(d => d.ReturnedTo).HasMaxLength(100);
            e.Property(d => d.ApologyReason).HasMaxLength(2000);
            e.Property(d => d.ApologyDraftedBy).HasMaxLength(256);
            e.Property(d => d.ApologyApprovedBy).HasMaxLength(256);
            e.Property(d => d.AssigneeId).HasMaxLength(450);
            e.HasIndex(d => new { d.UnitId, d.AssigneeId });
            e.Property(d => d.Version).IsConcurrencyToken();
        });
        b.Entity<DossierStep>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.DossierId, x.At });
            e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.ByName).HasMaxLength(100);
            e.Property(x => x.ToRole).HasMaxLength(30);
            e.Property(x => x.ToUserId).HasMaxLength(450);
            e.Property(x => x.Note).HasMaxLength(2000);
        });
        b.Entity<DossierFile>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.DossierId });
            e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.DocumentName).HasMaxLength(300);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(50);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
        b.Entity<DossierDaySequence>(e =>
        {
            e.HasKey(x => new { x.UnitId, x.Day });
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        b.Entity<Rating>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.At });
            e.HasIndex(x => x.DossierId).IsUnique(); // one rating per dossier (NULLs do not collide)
            // One rating per petition. No foreign key: on SQLite adding one rebuilds the table, which would drop its immutability triggers.
            e.HasIndex(x => x.PetitionId).IsUnique();
            e.HasIndex(x => new { x.KioskSessionId, x.ClientKey }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.ContentHash, x.At });
            e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<KioskSession>().WithMany().HasForeignKey(x => x.KioskSessionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.ProcedureCode).HasMaxLength(30);
            e.Property(x => x.ProcedureName).HasMaxLength(300);
            e.Property(x => x.OfficialId).HasMaxLength(450);
            e.Property(x => x.OfficialName).HasMaxLength(100);
            e.Property(x => x.ClientKey).HasMaxLength(40);
            e.Property(x => x.Aspects).HasMaxLength(5);
            e.Property(x => x.Code).HasMaxLength(12);
            e.Property(x => x.Comment).HasMaxLength(2000);
            e.Property(x => x.ContactName).HasMaxLength(100);
            e.Property(x => x.ContactPhone).HasMaxLength(15);
            e.Property(x => x.ClientHash).HasMaxLength(64);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Ignore(x => x.CodeAnswers);
        });
        b.Entity<RatingFollowUp>(e =>
        {
            e.HasIndex(x => x.RatingId).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.Status, x.DueAt });
            e.HasOne<Rating>().WithMany().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.ContactNote).HasMaxLength(1000);
            e.Property(x => x.Explanation).HasMaxLength(4000);
            e.Property(x => x.Changes).HasMaxLength(4000);
            e.Property(x => x.HandledByName).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<KioskSession>(e =>
        {
            e.HasIndex(x => x.Key).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.OfficerId).HasMaxLength(450);
            e.Property(x => x.OfficerName).HasMaxLength(100);
            e.Property(x => x.OfficerTitle).HasMaxLength(100);
        });

        b.Entity<PetitionCategory>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.Code }).IsUnique();
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.DefaultAssigneeId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        b.Entity<Petition>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.TrackingKey).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.Status, x.DueAt });
            e.HasIndex(x => new { x.UnitId, x.SubmittedAt });
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.TransferredFromId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PartnerApp>().WithMany().HasForeignKey(x => x.PartnerAppId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.TrackingKey).HasMaxLength(64);
            e.Property(x => x.CategoryCode).HasMaxLength(40);
            e.Property(x => x.CategoryName).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.SenderName).HasMaxLength(100);
            e.Property(x => x.SenderPhone).HasMaxLength(15);
            e.Property(x => x.SenderEmail).HasMaxLength(200);
            e.Property(x => x.SenderAddress).HasMaxLength(300);
            e.Property(x => x.VillageName).HasMaxLength(100);
            e.Property(x => x.Place).HasMaxLength(300);
            e.Property(x => x.Meeting).HasMaxLength(300);
            e.Property(x => x.AssigneeId).HasMaxLength(450);
            e.Property(x => x.AssigneeName).HasMaxLength(100);
            e.Property(x => x.Answer).HasMaxLength(8000);
            e.Property(x => x.DraftAnswer).HasMaxLength(8000);
            e.Property(x => x.DraftedByName).HasMaxLength(100);
            e.Property(x => x.AnswerApprovedBy).HasMaxLength(220);
            e.Property(x => x.AnsweredByName).HasMaxLength(100);
            e.Property(x => x.RejectionReason).HasMaxLength(2000);
            e.Property(x => x.MediaUrl).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        b.Entity<PetitionEvent>(e =>
        {
            e.HasIndex(x => x.PetitionId);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.ByName).HasMaxLength(256);
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.Property(x => x.Note).HasMaxLength(8000);
        });

        b.Entity<PetitionPhoto>(e =>
        {
            e.HasIndex(x => x.PetitionId);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<PartnerApp>(e =>
        {
            e.HasIndex(x => x.KeyHash).IsUnique();
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.KeyHash).HasMaxLength(64);
            e.Property(x => x.Contact).HasMaxLength(200);
        });

        b.Entity<CommuneModel>(e =>
        {
            e.HasIndex(x => x.UnitId).IsUnique(); // one model per commune: replication never overwrites
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.LaunchPlace).HasMaxLength(300);
            e.Property(x => x.LaunchGuests).HasMaxLength(2000);
            e.Property(x => x.LaunchMinutes).HasMaxLength(8000);
            e.Property(x => x.BoardName).HasMaxLength(200);
            e.Property(x => x.DecisionNumber).HasMaxLength(50);
            e.Property(x => x.DecisionSigner).HasMaxLength(100);
            e.Property(x => x.Regulation).HasMaxLength(20000);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<BoardMember>(e =>
        {
            e.HasIndex(x => x.ModelId);
            e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.FullName).HasMaxLength(100);
            e.Property(x => x.Position).HasMaxLength(200);
            e.Property(x => x.EndReason).HasMaxLength(300);
        });
        b.Entity<ModelPlanTask>(e =>
        {
            e.HasIndex(x => x.ModelId);
            e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Owner).HasMaxLength(200);
            e.Property(x => x.Evidence).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<ReadinessItem>(e =>
        {
            e.HasIndex(x => x.ModelId);
            e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Condition).HasMaxLength(300);
            e.Property(x => x.Gap).HasMaxLength(1000);
            e.Property(x => x.Needs).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<ModelProposal>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.Status });
            e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.RaisedBy).HasMaxLength(256);
            e.Property(x => x.Answer).HasMaxLength(4000);
            e.Property(x => x.Decision).HasMaxLength(2000);
            e.Property(x => x.AnsweredBy).HasMaxLength(256);
            e.Property(x => x.AnsweringUnit).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<CommitmentText>(e =>
        {
            e.HasIndex(x => new { x.ModelId, x.Number }).IsUnique();
            e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Text).HasMaxLength(8000);
            e.Property(x => x.PublishedBy).HasMaxLength(256);
        });
        b.Entity<CommitmentSignature>(e =>
        {
            e.HasIndex(x => new { x.TextId, x.UserId }).IsUnique(); // one signature per official and version
            e.HasOne<CommitmentText>().WithMany().HasForeignKey(x => x.TextId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.TypedName).HasMaxLength(100);
        });
        b.Entity<ModelEvent>(e =>
        {
            e.HasIndex(x => new { x.ModelId, x.Date });
            e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Place).HasMaxLength(300);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.Village).HasMaxLength(100);
            e.Property(x => x.ParticipantList).HasMaxLength(20000);
            e.Property(x => x.Materials).HasMaxLength(2000);
            e.Property(x => x.RecordedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<GoodPractice>(e =>
        {
            e.HasIndex(x => new { x.Published, x.PublishedAt });
            e.HasIndex(x => x.AdoptedFromId);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Field).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(8000);
            e.Property(x => x.Results).HasMaxLength(4000);
            e.Property(x => x.AdoptedFromUnit).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Inspection>(e =>
        {
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.InspectingUnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Team).HasMaxLength(2000);
            e.Property(x => x.Findings).HasMaxLength(8000);
            e.Property(x => x.CancelReason).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<InspectionRecommendation>(e =>
        {
            e.HasIndex(x => x.InspectionId);
            e.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Content).HasMaxLength(2000);
            e.Property(x => x.Report).HasMaxLength(4000);
            e.Property(x => x.ReportedBy).HasMaxLength(256);
            e.Property(x => x.ReviewNote).HasMaxLength(2000);
            e.Property(x => x.ClosedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Disclosure>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.Category, x.PostedOn });
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Disclosure>().WithMany().HasForeignKey(x => x.PreviousId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.DocumentNumber).HasMaxLength(50);
            e.Property(x => x.Summary).HasMaxLength(8000);
            e.Property(x => x.SearchText).HasMaxLength(9000);
            e.Property(x => x.PostedBy).HasMaxLength(256);
            e.Property(x => x.TakeDownReason).HasMaxLength(1000);
            e.Property(x => x.TakenDownBy).HasMaxLength(256);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<ClearanceProject>(e =>
        {
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Disclosure>().WithMany().HasForeignKey(x => x.PlanDisclosureId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Purpose).HasMaxLength(2000);
            e.Property(x => x.Investor).HasMaxLength(300);
            e.Property(x => x.Villages).HasMaxLength(500);
            e.Property(x => x.MapLink).HasMaxLength(500);
            e.Property(x => x.AffectedAreaM2).HasPrecision(14, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<ProjectMeeting>(e =>
        {
            e.HasIndex(x => x.ProjectId);
            e.HasOne<ClearanceProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Village).HasMaxLength(100);
            e.Property(x => x.Minutes).HasMaxLength(8000);
        });
        b.Entity<AffectedHousehold>(e =>
        {
            e.HasIndex(x => new { x.ProjectId, x.Village });
            e.HasOne<ClearanceProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.HeadName).HasMaxLength(100);
            e.Property(x => x.Village).HasMaxLength(100);
            e.Property(x => x.Assets).HasMaxLength(2000);
            e.Property(x => x.Phone).HasMaxLength(30);
            e.Property(x => x.NotAgreedReason).HasMaxLength(2000);
            e.Property(x => x.AffectedAreaM2).HasPrecision(14, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<HouseholdVisit>(e =>
        {
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<AffectedHousehold>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.VisitedBy).HasMaxLength(300);
            e.Property(x => x.Notes).HasMaxLength(4000);
        });
        b.Entity<LandDonation>(e =>
        {
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ClearanceProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.HeadName).HasMaxLength(100);
            e.Property(x => x.Village).HasMaxLength(100);
            e.Property(x => x.Road).HasMaxLength(300);
            e.Property(x => x.TreesStructures).HasMaxLength(1000);
            e.Property(x => x.AreaM2).HasPrecision(14, 2);
            e.Property(x => x.WallsMovedM).HasPrecision(10, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Consultation>(e =>
        {
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Content).HasMaxLength(20000);
            e.Property(x => x.Village).HasMaxLength(100);
            e.Property(x => x.Summary).HasMaxLength(8000);
            e.Property(x => x.QuorumPercent).HasPrecision(5, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<ConsultationComment>(e =>
        {
            e.HasIndex(x => new { x.ConsultationId, x.At });
            e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Village).HasMaxLength(100);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.ClientHash).HasMaxLength(64);
            e.Property(x => x.HiddenReason).HasMaxLength(500);
            e.Property(x => x.Reply).HasMaxLength(2000);
            e.Property(x => x.RepliedBy).HasMaxLength(256);
            e.Property(x => x.HiddenBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<ConsultationResponse>(e =>
        {
            e.HasIndex(x => x.ConsultationId);
            e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Topic).HasMaxLength(500);
            e.Property(x => x.Explanation).HasMaxLength(4000);
        });
        b.Entity<HouseholdVote>(e =>
        {
            e.HasIndex(x => new { x.ConsultationId, x.Village, x.HeadName }).IsUnique(); // one vote per household
            e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.HeadName).HasMaxLength(100);
            e.Property(x => x.Village).HasMaxLength(100);
            e.Property(x => x.RecordedBy).HasMaxLength(256);
        });
        b.Entity<DisclosureFile>(e =>
        {
            e.HasIndex(x => x.DisclosureId);
            e.HasOne<Disclosure>().WithMany().HasForeignKey(x => x.DisclosureId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
        });
        b.Entity<ModelFile>(e =>
        {
            e.HasIndex(x => new { x.ModelId, x.Kind });
            e.HasOne<CommuneModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
        });

        b.Entity<ProcedureForm>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.ProcedureId });
            e.HasOne<Procedure>().WithMany().HasForeignKey(x => x.ProcedureId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
        });

        b.Entity<ApplicationUser>(e =>
        {
            e.Property(u => u.FullName).HasMaxLength(100);
            e.Property(u => u.JobTitle).HasMaxLength(100);
            e.HasIndex(u => u.UnitId);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => new { a.Chain, a.Seq }).IsUnique();
            e.HasIndex(a => new { a.UnitId, a.At });
            e.HasIndex(a => new { a.Entity, a.EntityId });
            e.HasIndex(a => a.At);
            e.Property(a => a.Action).HasMaxLength(20);
            e.Property(a => a.Entity).HasMaxLength(100);
            e.Property(a => a.EntityId).HasMaxLength(100);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.PrevHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasQueryFilter(UnitFilter, a => ScopeUnitIds == null || (a.UnitId != null && ScopeUnitIds.Contains(a.UnitId.Value)));
        });
        b.Entity<AuditChainHead>(e =>
        {
            e.HasKey(h => h.Chain);
            e.Property(h => h.Chain).ValueGeneratedNever();
            e.Property(h => h.Hash).HasMaxLength(64);
        });
        b.Entity<AuditCheckpoint>(e =>
        {
            e.HasIndex(c => c.Seq).IsUnique();
            e.Property(c => c.Trigger).HasMaxLength(20);
            e.Property(c => c.PrevSignature).HasMaxLength(64);
            e.Property(c => c.Signature).HasMaxLength(64);
        });
        b.Entity<AuditCheck>(e =>
        {
            e.HasIndex(c => c.At);
            e.Property(c => c.Trigger).HasMaxLength(20);
            e.Property(c => c.Reason).HasMaxLength(500);
        });
        b.Entity<IdempotencyRecord>(e =>
        {
            e.HasIndex(r => new { r.Client, r.Key }).IsUnique();
            e.HasIndex(r => r.CreatedAt);
            e.Property(r => r.Client).HasMaxLength(100);
            e.Property(r => r.Key).HasMaxLength(255);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.ContentType).HasMaxLength(200);
            e.Property(r => r.Location).HasMaxLength(2000);
        });

        b.Entity<SignInThrottle>(e =>
        {
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(300);
            e.HasIndex(t => t.LastAt);
        });

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

    private static bool IsCachedReference(object entity) =>
        entity is CalendarDayOverride or UnitOfficeHours or AdministrativeUnit or UnitEvent or Procedure;

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

    /// <summary>Stamps the actor's unit on new commune rows and refuses any change outside the actor's units.</summary>
    /// <summary>Every text within its column's declared length, checked the same way on both databases.</summary>
    private static void CheckLengths(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        foreach (var p in entry.Properties)
            if (p.Metadata.ClrType == typeof(string) && p.Metadata.GetMaxLength() is int max && p.CurrentValue is string s && s.Length > max
                && (entry.State == EntityState.Added || p.IsModified))
                throw new ValueTooLongException(entry.Metadata.ClrType.Name, p.Metadata.Name, max);
    }

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
