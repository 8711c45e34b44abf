using FriendlyGov.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

public class ApplicationUser : IdentityUser
{
    [Personal]
    public required string FullName { get; set; }
    /// <summary>The unit a staff account belongs to; null for citizens and system administrators.</summary>
    public int? UnitId { get; set; }
    /// <summary>Chức vụ, e.g. "Công chức Văn phòng - Thống kê".</summary>
    [NotPersonal]
    public string? JobTitle { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> e)
    {
        e.Property(u => u.FullName).HasMaxLength(100);
        e.Property(u => u.JobTitle).HasMaxLength(100);
        e.HasIndex(u => u.UnitId);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
