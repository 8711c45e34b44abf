using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Dossiers;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Model;

public sealed class EventInput
{
    public ModelEventKind Kind { get; set; } = ModelEventKind.Training;
    public DateOnly? Date { get; set; }
    public string? Place { get; set; }
    public string? Content { get; set; }
    public EventAudience Audience { get; set; } = EventAudience.Officials;
    public string? Village { get; set; }
    public int? Participants { get; set; }
    public string? ParticipantList { get; set; }
    public string? Materials { get; set; }
    public int Version { get; set; }
}

/// <summary>Tập huấn, tuyên truyền and the model's files (launch photos, minutes, decision, regulation, evidence, materials).</summary>
public sealed partial class Models
{
    public const int MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxFilesPerModel = 300;

    public async Task<List<ModelEvent>> EventsAsync(int modelId) =>
        await db.ModelEvents.AsNoTracking().Where(e => e.ModelId == modelId).OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).ToListAsync();

    public async Task<List<ModelFileInfo>> FilesAsync(int modelId) =>
        await db.ModelFiles.AsNoTracking().Where(f => f.ModelId == modelId).OrderBy(f => f.Kind).ThenBy(f => f.Id)
            .Select(f => new ModelFileInfo(f.Id, f.Kind, f.OwnerId, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.UploadedBy)).ToListAsync();

    /// <summary>The commune's staff record a training or propagation event; a later correction keeps the audit trail.</summary>
    public async Task<Outcome<ModelEvent>> SaveEventAsync(AdministrativeUnit unit, int? id, EventInput input, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<ModelEvent>(unit, actor, leaderOnly: false);
        if (m is null) return refusal!;
        ModelEvent? e = null;
        if (id is int eventId)
        {
            e = await db.ModelEvents.FirstOrDefaultAsync(x => x.Id == eventId && x.ModelId == m.Id);
            if (e is null) return Outcome<ModelEvent>.NotFound();
            RefusedException.IfStale(input.Version, e.Version, "Hoạt động");
        }
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(input.Kind)) errors.Add(new(nameof(input.Kind), "Loại hoạt động: tập huấn hoặc tuyên truyền."));
        if (!Enum.IsDefined(input.Audience)) errors.Add(new(nameof(input.Audience), "Đối tượng không hợp lệ."));
        if (input.Date is null) errors.Add(new(nameof(input.Date), "Ghi ngày tổ chức."));
        else if (input.Date > Today.AddDays(366)) errors.Add(new(nameof(input.Date), "Ngày tổ chức quá xa."));
        if (string.IsNullOrWhiteSpace(input.Place) || input.Place.Trim().Length > 300) errors.Add(new(nameof(input.Place), "Ghi địa điểm (tối đa 300 ký tự)."));
        if (string.IsNullOrWhiteSpace(input.Content) || input.Content.Trim().Length > 4000) errors.Add(new(nameof(input.Content), "Ghi nội dung (tối đa 4.000 ký tự)."));
        if (input.Audience == EventAudience.Villagers && string.IsNullOrWhiteSpace(input.Village)) errors.Add(new(nameof(input.Village), "Ghi thôn, bản của buổi tuyên truyền."));
        if (input.Participants is < 0 or > 100_000) errors.Add(new(nameof(input.Participants), "Số người tham dự không hợp lệ."));
        Limit(errors, nameof(input.Village), input.Village, 100);
        Limit(errors, nameof(input.ParticipantList), input.ParticipantList, 20000);
        Limit(errors, nameof(input.Materials), input.Materials, 2000);
        var listed = Lines(input.ParticipantList);
        if (input.Participants is int n && n < listed.Count)
            errors.Add(new(nameof(input.Participants), $"Danh sách có {listed.Count} người, nhiều hơn số người tham dự đã ghi."));
        if (errors.Count > 0) return Outcome<ModelEvent>.Invalid(errors);
        if (e is null)
        {
            e = new ModelEvent { UnitId = unit.Id, ModelId = m.Id, Place = "", Content = "", RecordedBy = scope.ActorName };
            db.ModelEvents.Add(e);
        }
        (e.Kind, e.Date, e.Place, e.Content, e.Audience, e.Village, e.ParticipantList, e.Materials) = (input.Kind, input.Date!.Value, input.Place!.Trim(),
            input.Content!.Trim(), input.Audience, Blank(input.Village), listed.Count == 0 ? null : string.Join('\n', listed), Blank(input.Materials));
        e.Participants = input.Participants ?? listed.Count;
        await db.SaveChangesAsync();
        return Outcome<ModelEvent>.Success(e);
    }

    private static List<string> Lines(string? s) =>
        (s ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>
    /// A file for the model. Photos are re-encoded (metadata and location stripped, at most 1600 px); documents must be PDF.
    /// Task evidence and event material name their task or event.
    /// </summary>
    public async Task<Outcome<ModelFileInfo>> UploadAsync(AdministrativeUnit unit, ModelFileKind kind, int? ownerId, FileUpload? upload, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<ModelFileInfo>(unit, actor, leaderOnly: false);
        if (m is null) return refusal!;
        if (!Enum.IsDefined(kind)) return Outcome<ModelFileInfo>.Invalid([new("Kind", "Loại tệp không hợp lệ.")]);
        if (upload is null || upload.Content.Length == 0) return Outcome<ModelFileInfo>.Invalid([new("File", "Chọn tệp để tải lên.")]);
        var ownerOk = kind switch
        {
            ModelFileKind.TaskEvidence => ownerId is int t && await db.PlanTasks.AnyAsync(x => x.Id == t && x.ModelId == m.Id),
            ModelFileKind.EventMaterial => ownerId is int ev && await db.ModelEvents.AnyAsync(x => x.Id == ev && x.ModelId == m.Id),
            _ => ownerId is null,
        };
        if (!ownerOk) return Outcome<ModelFileInfo>.Invalid([new("OwnerId", "Tệp minh chứng phải gắn với một nhiệm vụ hoặc hoạt động của mô hình.")]);
        if (await db.ModelFiles.CountAsync(f => f.ModelId == m.Id) >= MaxFilesPerModel)
            return Outcome<ModelFileInfo>.Invalid([new("File", $"Mô hình đã có {MaxFilesPerModel} tệp: xóa bớt tệp không cần trước khi tải thêm.")]);
        var (clean, problem) = FileUploads.ImageOrPdf(upload);
        if (problem is not null) return Outcome<ModelFileInfo>.Invalid([new("File", problem)]);
        if (clean is null) return Outcome<ModelFileInfo>.Invalid([new("File", $"Tệp “{Uploads.CleanName(upload.FileName)}” không phải ảnh (JPG, PNG, WebP) hoặc PDF.")]);
        var (content, type, name) = (clean.Content, clean.ContentType, clean.FileName);
        if (type == "application/pdf" && content.Length > MaxFileBytes) return Outcome<ModelFileInfo>.Invalid([new("File", $"Tệp “{name}” lớn hơn 10 MB.")]);
        if (kind == ModelFileKind.LaunchPhoto && type != "image/jpeg") return Outcome<ModelFileInfo>.Invalid([new("File", "Ảnh lễ ra mắt phải là tệp ảnh.")]);
        var f = new ModelFile
        {
            UnitId = unit.Id, ModelId = m.Id, Kind = kind, OwnerId = ownerId, FileName = name, ContentType = type, Size = content.Length, Content = content,
            UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedBy = scope.ActorName,
        };
        db.ModelFiles.Add(f);
        await db.SaveChangesAsync();
        return Outcome<ModelFileInfo>.Success(new ModelFileInfo(f.Id, f.Kind, f.OwnerId, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.UploadedBy));
    }

    /// <summary>The leader removes a file uploaded by mistake; the audit log keeps that it existed and who removed it.</summary>
    public async Task<Outcome<bool>> DeleteFileAsync(AdministrativeUnit unit, long id, ClaimsPrincipal actor)
    {
        var (m, refusal) = await OwnAsync<bool>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        var f = await db.ModelFiles.FirstOrDefaultAsync(x => x.Id == id && x.ModelId == m.Id);
        if (f is null) return Outcome<bool>.NotFound();
        db.ModelFiles.Remove(f);
        await db.SaveChangesAsync();
        return Outcome<bool>.Success(true);
    }

    /// <summary>A file, for the commune's staff and the supervisors of its area (the tenant filter decides).</summary>
    public async Task<ModelFile?> FileAsync(long id) => await db.ModelFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id);
}

public sealed record ModelFileInfo(long Id, ModelFileKind Kind, int? OwnerId, string FileName, string ContentType, long Size, DateTime UploadedAt, string? UploadedBy)
{
    public string Url => $"/can-bo/mo-hinh/tep/{Id}";
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
