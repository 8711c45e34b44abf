using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FriendlyGov.Core.Data;

/// <summary>How the audit log may keep a property's values (Decree 13/2023, Law 91/2025 on personal data protection).</summary>
public enum AuditValueClass
{
    /// <summary>Kept as it is: codes, statuses, officials' own work, the commune's public details.</summary>
    Plain,
    /// <summary>Personal data or a citizen's own words: kept only as a keyed fingerprint ("fp:…"), never the value.</summary>
    Personal,
    /// <summary>Credentials and capabilities (password hashes, tracking keys): kept as "***".</summary>
    Secret,
}

/// <summary>
/// Personal data of a citizen (ID number, phone, e-mail, address, names of applicants and households, client hashes,
/// free text a citizen wrote): the audit log keeps a keyed fingerprint of the value, never the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute : Attribute;

/// <summary>Checked and found not personal: the audit log keeps the value.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotPersonalAttribute : Attribute;

/// <summary>A credential or capability: the audit log keeps only "***".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>
/// The one decision of what the audit log may keep of each property. Properties of the app's entities carry an attribute;
/// those of ASP.NET Core Identity, which the app does not own, are listed here. A string property with neither is
/// unclassified: the log treats it as personal, and the classification test fails until someone decides.
/// </summary>
public static class PersonalData
{
    public const string Hidden = "(đã ẩn)";

    private static readonly Dictionary<string, AuditValueClass> Identity = new()
    {
        ["DataProtectionKey.FriendlyName"] = AuditValueClass.Plain,
        ["DataProtectionKey.Xml"] = AuditValueClass.Secret, // never audited (bookkeeping), and secret if it were
        ["IdentityUser`1.Id"] = AuditValueClass.Plain,
        ["IdentityUser`1.UserName"] = AuditValueClass.Personal, // a citizen's user name is their phone number
        ["IdentityUser`1.NormalizedUserName"] = AuditValueClass.Personal,
        ["IdentityUser`1.Email"] = AuditValueClass.Personal,
        ["IdentityUser`1.NormalizedEmail"] = AuditValueClass.Personal,
        ["IdentityUser`1.PhoneNumber"] = AuditValueClass.Personal,
        ["IdentityUser`1.PasswordHash"] = AuditValueClass.Secret,
        ["IdentityUser`1.SecurityStamp"] = AuditValueClass.Secret,
        ["IdentityUser`1.ConcurrencyStamp"] = AuditValueClass.Secret,
        ["IdentityRole`1.Id"] = AuditValueClass.Plain,
        ["IdentityRole`1.Name"] = AuditValueClass.Plain,
        ["IdentityRole`1.NormalizedName"] = AuditValueClass.Plain,
        ["IdentityRole`1.ConcurrencyStamp"] = AuditValueClass.Secret,
        ["IdentityUserRole`1.UserId"] = AuditValueClass.Plain,
        ["IdentityUserRole`1.RoleId"] = AuditValueClass.Plain,
        ["IdentityUserClaim`1.UserId"] = AuditValueClass.Plain,
        ["IdentityUserClaim`1.ClaimType"] = AuditValueClass.Plain,
        ["IdentityUserClaim`1.ClaimValue"] = AuditValueClass.Personal,
        ["IdentityRoleClaim`1.RoleId"] = AuditValueClass.Plain,
        ["IdentityRoleClaim`1.ClaimType"] = AuditValueClass.Plain,
        ["IdentityRoleClaim`1.ClaimValue"] = AuditValueClass.Plain,
        ["IdentityUserLogin`1.LoginProvider"] = AuditValueClass.Plain,
        ["IdentityUserLogin`1.ProviderKey"] = AuditValueClass.Personal,
        ["IdentityUserLogin`1.ProviderDisplayName"] = AuditValueClass.Plain,
        ["IdentityUserLogin`1.UserId"] = AuditValueClass.Plain,
        ["IdentityUserToken`1.UserId"] = AuditValueClass.Plain,
        ["IdentityUserToken`1.LoginProvider"] = AuditValueClass.Plain,
        ["IdentityUserToken`1.Name"] = AuditValueClass.Plain,
        ["IdentityUserToken`1.Value"] = AuditValueClass.Secret,
    };

    /// <summary>The class of a property, or null when nobody has decided (only strings must be decided; other types are plain).</summary>
    public static AuditValueClass? Of(IReadOnlyProperty property)
    {
        if (property.PropertyInfo is PropertyInfo info)
        {
            if (info.IsDefined(typeof(PersonalAttribute), true)) return AuditValueClass.Personal;
            if (info.IsDefined(typeof(SecretAttribute), true)) return AuditValueClass.Secret;
            if (info.IsDefined(typeof(NotPersonalAttribute), true)) return AuditValueClass.Plain;
            if (info.DeclaringType is { } declaring && Identity.TryGetValue($"{declaring.Name}.{info.Name}", out var c)) return c;
        }
        if (property.ClrType == typeof(byte[])) return AuditValueClass.Secret; // file contents never enter the log
        if (property.ClrType == typeof(string)) return null;
        return AuditValueClass.Plain;
    }

    /// <summary>Every string property of the model that nobody has classified, as "Entity.Property".</summary>
    public static List<string> Unclassified(IReadOnlyModel model) =>
        model.GetEntityTypes().SelectMany(t => t.GetProperties().Where(p => p.ClrType == typeof(string) && Of(p) is null)
            .Select(p => $"{t.DisplayName()}.{p.Name}")).Order().ToList();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, string), AuditValueClass> Decided = new();

    /// <summary>Unclassified strings count as personal: forgetting to decide never leaks a value. Decided once per property.</summary>
    public static AuditValueClass Effective(IReadOnlyProperty property) =>
        Decided.GetOrAdd((property.DeclaringType.ClrType, property.Name), _ => Of(property) ?? AuditValueClass.Personal);
}
