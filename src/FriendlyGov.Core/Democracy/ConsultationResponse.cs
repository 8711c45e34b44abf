using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>Giải trình, tiếp thu: one group of comments and how it was taken into account, or why not.</summary>
public class ConsultationResponse : IUnitOwned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ConsultationId { get; set; }
    [NotPersonal]
    public required string Topic { get; set; }
    public int Comments { get; set; }
    public bool Accepted { get; set; }
    [NotPersonal]
    public required string Explanation { get; set; }
}

public sealed class ConsultationResponseConfiguration : IEntityTypeConfiguration<ConsultationResponse>
{
    public void Configure(EntityTypeBuilder<ConsultationResponse> e)
    {
        e.HasIndex(x => x.ConsultationId);
        e.HasOne<Consultation>().WithMany().HasForeignKey(x => x.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Topic).HasMaxLength(500);
        e.Property(x => x.Explanation).HasMaxLength(4000);
    }
}
