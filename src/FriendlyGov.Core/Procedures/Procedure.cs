using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FriendlyGov.Core.Data;

/// <summary>
/// Thủ tục hành chính as a commune posts it. A row of a province (UnitId = the province) is a template that communes copy.
/// Documents and workflow are kept with the procedure as JSON, so each version is saved, audited and exported whole.
/// </summary>
public class Procedure : IUnitOwned
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Code in the national database of administrative procedures, e.g. "1.001193".</summary>
    [NotPersonal]
    public required string Code { get; set; }
    [NotPersonal]
    public required string Name { get; set; }
    /// <summary>Lĩnh vực, e.g. "Hộ tịch", "Chứng thực".</summary>
    [NotPersonal]
    public required string Field { get; set; }
    [NotPersonal]
    public string? LegalBasis { get; set; }
    /// <summary>Trình tự thực hiện: the steps as the applicant sees them.</summary>
    [NotPersonal]
    public string? ApplicantSteps { get; set; }
    public bool InPerson { get; set; } = true;
    public bool Online { get; set; }
    public bool ByPost { get; set; }
    /// <summary>Working days; null for a same-day procedure ("trong ngày").</summary>
    public decimal? TimeLimitDays { get; set; }
    /// <summary>Lệ phí / phí as posted ("Miễn lệ phí", "2.000 đồng/trang"…).</summary>
    [NotPersonal]
    public string? Fee { get; set; }
    [NotPersonal]
    public string? Result { get; set; }
    [NotPersonal]
    public string? WhoMayApply { get; set; }
    public OnlineLevel OnlineLevel { get; set; }
    public bool Published { get; set; } = true;
    [NotPersonal]
    public string DocumentsJson { get; set; } = "[]";
    [NotPersonal]
    public string WorkflowJson { get; set; } = "[]";
    public int Version { get; set; }

    /// <summary>
    /// The documents, read from <see cref="DocumentsJson"/> once per text (a procedure held in the reference cache is asked
    /// on every intake); each caller gets its own list of the immutable documents.
    /// </summary>
    public List<ProcedureDocument> Documents
    {
        get
        {
            var read = _documents;
            if (read is null || !ReferenceEquals(read.Json, DocumentsJson))
                _documents = read = new(DocumentsJson, System.Text.Json.JsonSerializer.Deserialize<List<ProcedureDocument>>(DocumentsJson, Json) ?? []);
            return [.. read.Documents];
        }
        set => DocumentsJson = System.Text.Json.JsonSerializer.Serialize(value, Json);
    }

    // One reference, swapped whole: a procedure in the reference cache is read by many requests at once.
    private DocumentsRead? _documents;

    private sealed record DocumentsRead(string Json, List<ProcedureDocument> Documents);

    /// <summary>The workflow stored as JSON, read without loading the procedure.</summary>
    public static List<ProcedureStep> ReadWorkflow(string json) => System.Text.Json.JsonSerializer.Deserialize<List<ProcedureStep>>(json, Json) ?? [];

    public List<ProcedureStep> Workflow
    {
        get => ReadWorkflow(WorkflowJson);
        set => WorkflowJson = System.Text.Json.JsonSerializer.Serialize(value, Json);
    }

    public bool SameDay => TimeLimitDays is null;
}

public sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> e)
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
    }
}
