using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Domain;

/// <summary>
/// Every string property of every entity says what the audit log may keep of it (Decree 13/2023): personal (fingerprint only),
/// secret ("***") or checked as not personal. A new property nobody classified fails here, before it can leak.
/// </summary>
public class PersonalDataTests
{
    private static AppDbContext Model() => new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void Every_string_property_of_the_app_is_classified()
    {
        using var db = Model();
        Assert.Empty(PersonalData.Unclassified(db.Model));
    }

    [Theory]
    [InlineData(nameof(Dossier), nameof(Dossier.CitizenId))]
    [InlineData(nameof(Dossier), nameof(Dossier.Phone))]
    [InlineData(nameof(Dossier), nameof(Dossier.Address))]
    [InlineData(nameof(Dossier), nameof(Dossier.ApplicantName))]
    [InlineData(nameof(Petition), nameof(Petition.SenderPhone))]
    [InlineData(nameof(Petition), nameof(Petition.Content))]
    [InlineData(nameof(AffectedHousehold), nameof(AffectedHousehold.HeadName))]
    [InlineData(nameof(AffectedHousehold), nameof(AffectedHousehold.Phone))]
    [InlineData(nameof(Rating), nameof(Rating.ClientHash))]
    [InlineData(nameof(ConsultationComment), nameof(ConsultationComment.Content))]
    [InlineData(nameof(ApplicationUser), "PhoneNumber")]
    [InlineData(nameof(ApplicationUser), "UserName")]
    public void The_fields_the_law_names_are_personal(string entity, string property)
    {
        using var db = Model();
        var p = db.Model.GetEntityTypes().Single(t => t.DisplayName() == entity).FindProperty(property)!;
        Assert.Equal(AuditValueClass.Personal, PersonalData.Of(p));
    }

    [Fact]
    public void Password_hashes_and_tracking_keys_are_secret()
    {
        using var db = Model();
        Assert.Equal(AuditValueClass.Secret, PersonalData.Of(db.Model.FindEntityType(typeof(ApplicationUser))!.FindProperty("PasswordHash")!));
        Assert.Equal(AuditValueClass.Secret, PersonalData.Of(db.Model.FindEntityType(typeof(Dossier))!.FindProperty(nameof(Dossier.TrackingKey))!));
    }

    // A throw-away model with one property nobody classified: the check must name it, and the log must not keep its value.
    private sealed class Scratch
    {
        public int Id { get; set; }
        [NotPersonal] public string Code { get; set; } = "";
        public string Nickname { get; set; } = "";
    }

    private sealed class ScratchContext(DbContextOptions<ScratchContext> o) : DbContext(o)
    {
        public DbSet<Scratch> Items => Set<Scratch>();
    }

    [Fact]
    public void A_new_unclassified_string_property_fails_the_check_and_is_treated_as_personal()
    {
        using var db = new ScratchContext(new DbContextOptionsBuilder<ScratchContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Equal(["Scratch.Nickname"], PersonalData.Unclassified(db.Model));
        var nickname = db.Model.FindEntityType(typeof(Scratch))!.FindProperty(nameof(Scratch.Nickname))!;
        Assert.Null(PersonalData.Of(nickname));
        Assert.Equal(AuditValueClass.Personal, PersonalData.Effective(nickname));
    }
}
