using System.Text.RegularExpressions;

namespace FriendlyGov.Core.Domain;

/// <summary>What the reform rules need to know of a unit.</summary>
public sealed record UnitFacts(int Id, string Code, string Name, UnitType Type, int? ParentId, int? ProvinceId,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, int? SuccessorId)
{
    public UnitLevel Level => UnitTypes.LevelOf(Type);
    public bool InForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || EffectiveTo >= day) && SuccessorId is null;
}

/// <summary>A broken business rule, tied to the form field it concerns. Messages are Vietnamese, the UI's first language.</summary>
public sealed record RuleViolation(string Field, string Message);

/// <summary>
/// The operations of the 2025 reform (two-level local government, Law 72/2025/QH15): a commune moves under its
/// province when its district ends; several communes merge into a new one; a unit is renamed; a district ends.
/// Records are never moved: history stays attributed to the unit that existed when it was made.
/// </summary>
public static partial class Reform
{
    [GeneratedRegex("^[0-9A-Za-z.]{1,20}$")]
    private static partial Regex CodePattern();

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static List<RuleViolation> CheckMerge(IReadOnlyList<UnitFacts> sources, UnitFacts? province, string? newCode,
        string? newName, UnitType newType, DateOnly effective, bool codeTaken)
    {
        var errors = new List<RuleViolation>();
        if (sources.Count < 2 || sources.Select(s => s.Id).Distinct().Count() != sources.Count)
            errors.Add(new("Sources", "Chọn ít nhất hai đơn vị cấp xã khác nhau để sáp nhập."));
        foreach (var s in sources)
        {
            if (s.Level != UnitLevel.Commune)
                errors.Add(new("Sources", $"“{UnitTypes.FullName(s.Type, s.Name)}” không phải đơn vị cấp xã."));
            else if (!s.InForceOn(effective))
                errors.Add(new("Sources", $"“{UnitTypes.FullName(s.Type, s.Name)}” không còn hiệu lực vào ngày sáp nhập."));
        }
        if (province is null || province.Level != UnitLevel.Province || !province.InForceOn(effective))
            errors.Add(new("ProvinceId", "Chọn tỉnh, thành phố đang có hiệu lực quản lý đơn vị mới."));
        else if (sources.Any(s => s.ProvinceId != province.Id))
            errors.Add(new("Sources", "Các đơn vị sáp nhập phải thuộc cùng tỉnh với đơn vị mới."));
        if (UnitTypes.LevelOf(newType) != UnitLevel.Commune)
            errors.Add(new("NewType", "Đơn vị mới phải là xã, phường hoặc đặc khu."));
        CheckCode(newCode, codeTaken, "NewCode", errors);
        CheckName(newName, "NewName", errors);
        return errors;
    }

    public static List<RuleViolation> CheckReparent(UnitFacts unit, UnitFacts? newParent, DateOnly effective)
    {
        var errors = new List<RuleViolation>();
        if (unit.Level != UnitLevel.Commune || !unit.InForceOn(effective))
            errors.Add(new("UnitId", "Chỉ chuyển được đơn vị cấp xã đang có hiệu lực."));
        if (newParent is null || newParent.Level != UnitLevel.Province || !newParent.InForceOn(effective))
            errors.Add(new("NewParentId", "Đơn vị cấp trên mới phải là tỉnh, thành phố đang có hiệu lực."));
        else if (newParent.Id == unit.ParentId)
            errors.Add(new("NewParentId", "Đơn vị đã trực thuộc đơn vị cấp trên này."));
        return errors;
    }

    public static List<RuleViolation> CheckRename(UnitFacts unit, string? newName, DateOnly effective)
    {
        var errors = new List<RuleViolation>();
        if (!unit.InForceOn(effective)) errors.Add(new("UnitId", "Đơn vị không còn hiệu lực vào ngày đổi tên."));
        CheckName(newName, "NewName", errors);
        if (errors.Count == 0 && string.Equals(newName!.Trim(), unit.Name, StringComparison.Ordinal))
            errors.Add(new("NewName", "Tên mới trùng với tên hiện tại."));
        return errors;
    }

    public static List<RuleViolation> CheckEnd(UnitFacts unit, int currentChildren, DateOnly lastDay)
    {
        var errors = new List<RuleViolation>();
        if (unit.EffectiveTo is not null || unit.SuccessorId is not null)
            errors.Add(new("UnitId", "Đơn vị đã hết hiệu lực."));
        else if (lastDay < unit.EffectiveFrom)
            errors.Add(new("LastDay", "Ngày kết thúc phải sau ngày bắt đầu hiệu lực."));
        if (currentChildren > 0)
            errors.Add(new("UnitId", $"Còn {currentChildren} đơn vị trực thuộc: chuyển hoặc sáp nhập chúng trước."));
        return errors;
    }

    public static List<RuleViolation> CheckNewUnit(UnitType type, UnitFacts? parent, string? code, string? name, bool codeTaken)
    {
        var errors = new List<RuleViolation>();
        if (!UnitTypes.CanBeChildOf(type, parent?.Type))
            errors.Add(new("ParentId", "Loại đơn vị này không thể trực thuộc đơn vị cấp trên đã chọn."));
        else if (parent is not null && parent.EffectiveTo is not null)
            errors.Add(new("ParentId", "Đơn vị cấp trên đã hết hiệu lực."));
        CheckCode(code, codeTaken, "Code", errors);
        CheckName(name, "Name", errors);
        return errors;
    }

    private static void CheckCode(string? code, bool taken, string field, List<RuleViolation> errors)
    {
        if (!IsValidCode(code)) errors.Add(new(field, "Mã đơn vị gồm chữ số, chữ cái hoặc dấu chấm, tối đa 20 ký tự."));
        else if (taken) errors.Add(new(field, "Mã đơn vị này đã được dùng."));
    }

    private static void CheckName(string? name, string field, List<RuleViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            errors.Add(new(field, "Nhập tên đơn vị (tối đa 100 ký tự)."));
    }

    /// <summary>The unit's name on a given day, undoing the renames made after it.</summary>
    public static string NameOn(string currentName, IEnumerable<(DateOnly Effective, string OldName)> renames, DateOnly day)
    {
        var name = currentName;
        foreach (var r in renames.OrderByDescending(r => r.Effective))
            if (r.Effective > day) name = r.OldName;
        return name;
    }
}
