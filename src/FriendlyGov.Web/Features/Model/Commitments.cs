using System.Globalization;
using System.Security.Claims;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Procedures;
using FriendlyGov.Web.Features.Satisfaction;
using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static FriendlyGov.Core.Domain.InputRules;

namespace FriendlyGov.Web.Features.Model;

/// <summary>Cam kết: the leader issues the commitment's text (each new text a new version), every official signs it by name.</summary>
public sealed class Commitments(AppDbContext db, IUnitScope scope, TimeProvider clock, Ratings ratings, Models models)
{

    /// <summary>A new version of the commitment text: every official is asked to sign again.</summary>
    public async Task<Outcome<CommitmentText>> PublishTextAsync(AdministrativeUnit unit, string? text, ClaimsPrincipal actor)
    {
        var (m, refusal) = await models.OwnAsync<CommitmentText>(unit, actor, leaderOnly: true);
        if (m is null) return refusal!;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length is < 20 or > 8000)
            return Outcome<CommitmentText>.Invalid([new("Text", "Nội dung cam kết từ 20 đến 8.000 ký tự.")]);
        var last = await db.CommitmentTexts.Where(x => x.ModelId == m.Id).MaxAsync(x => (int?)x.Number) ?? 0;
        var current = await db.CommitmentTexts.AsNoTracking().Where(x => x.ModelId == m.Id && x.Number == last).Select(x => x.Text).FirstOrDefaultAsync();
        if (current == text.Trim()) return Outcome<CommitmentText>.Invalid([new("Text", "Nội dung không thay đổi so với bản hiện hành.")]);
        var t = new CommitmentText { UnitId = unit.Id, ModelId = m.Id, Number = last + 1, Text = text.Trim(), PublishedAt = clock.GetUtcNow().UtcDateTime, PublishedBy = scope.ActorName };
        db.CommitmentTexts.Add(t);
        await db.SaveChangesAsync();
        return Outcome<CommitmentText>.Success(t);
    }

    /// <summary>An official signs the current text: their own account, their full name typed as it stands on the account.</summary>
    public async Task<Outcome<CommitmentSignature>> SignAsync(AdministrativeUnit unit, string? typedName, ClaimsPrincipal actor)
    {
        var (m, refusal) = await models.OwnAsync<CommitmentSignature>(unit, actor, leaderOnly: false);
        if (m is null) return refusal!;
        var me = actor.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var fullName = await db.Users.Where(u => u.Id == me).Select(u => u.FullName).FirstAsync();
        var text = await db.CommitmentTexts.AsNoTracking().Where(x => x.ModelId == m.Id).OrderByDescending(x => x.Number).FirstOrDefaultAsync();
        if (text is null) return Outcome<CommitmentSignature>.Invalid([new("Text", "Chưa có nội dung cam kết.")]);
        if (!string.Equals(Normalize(typedName), Normalize(fullName), StringComparison.Ordinal))
            return Outcome<CommitmentSignature>.Invalid([new("TypedName", $"Gõ đúng họ và tên của bạn như trong tài khoản: {fullName}.")]);
        if (await db.CommitmentSignatures.AnyAsync(s => s.TextId == text.Id && s.UserId == me))
            return Outcome<CommitmentSignature>.Invalid([new("TypedName", "Bạn đã ký bản cam kết này.")]);
        var sig = new CommitmentSignature { UnitId = unit.Id, TextId = text.Id, UserId = me, TypedName = typedName!.Trim(), SignedAt = clock.GetUtcNow().UtcDateTime };
        db.CommitmentSignatures.Add(sig);
        await db.SaveChangesAsync();
        return Outcome<CommitmentSignature>.Success(sig);
    }

    private static string Normalize(string? s) =>
        string.Join(' ', (s ?? "").Normalize(System.Text.NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLower(CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>
    /// What the public page of a commune says about its officials' commitment: how many of its serving officials signed the
    /// current text, of how many; null when the commune has no model or no commitment text yet.
    /// </summary>
    public async Task<(int Signed, int Officials)?> PublicCommitmentAsync(string communeCode)
    {
        if (await db.CommuneByCodeAsync(communeCode) is not { } unit) return null;
        var unitId = unit.Id;
        var modelId = await db.CommuneModels.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(m => m.UnitId == unitId).Select(m => (int?)m.Id).FirstOrDefaultAsync();
        if (modelId is null) return null;
        var textId = await db.CommitmentTexts.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(t => t.ModelId == modelId).OrderByDescending(t => t.Number).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        if (textId is null) return null;
        var signed = (await db.CommitmentSignatures.IgnoreQueryFilters([AppDbContext.UnitFilter]).AsNoTracking()
            .Where(x => x.TextId == textId).Select(x => x.UserId).ToListAsync()).ToHashSet();
        var officials = await ratings.OfficialsOfAsync([unitId]);
        return (officials.Count(o => signed.Contains(o.Id)), officials.Count);
    }
}
