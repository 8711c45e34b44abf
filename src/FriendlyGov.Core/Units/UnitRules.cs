namespace FriendlyGov.Core.Domain;

/// <summary>Level of an administrative unit in the tree Province → District (historical) → Commune → Village.</summary>
public enum UnitLevel
{
    Province = 1,
    District = 2,
    Commune = 3,
    Village = 4,
}

/// <summary>The official kind of a unit; its Vietnamese name is what people see ("xã", "phường", "bản"…).</summary>
public enum UnitType
{
    Province = 1,          // tỉnh
    CentralCity = 2,       // thành phố trực thuộc trung ương
    District = 10,         // huyện
    Town = 11,             // thị xã
    ProvincialCity = 12,   // thành phố thuộc tỉnh
    UrbanDistrict = 13,    // quận
    Commune = 20,          // xã
    Ward = 21,             // phường
    SpecialZone = 22,      // đặc khu
    Township = 23,         // thị trấn (abolished with the district level)
    Hamlet = 30,           // thôn
    Village = 31,          // bản
    ResidentialGroup = 32, // tổ dân phố
}

public static class UnitTypes
{
    public static UnitLevel LevelOf(UnitType type) => (int)type switch
    {
        < 10 => UnitLevel.Province,
        < 20 => UnitLevel.District,
        < 30 => UnitLevel.Commune,
        _ => UnitLevel.Village,
    };

    /// <summary>The lower-case Vietnamese prefix used before the unit's name: "xã Chiềng Sinh".</summary>
    public static string VietnamesePrefix(UnitType type) => type switch
    {
        UnitType.Province => "tỉnh",
        UnitType.CentralCity => "thành phố",
        UnitType.District => "huyện",
        UnitType.Town => "thị xã",
        UnitType.ProvincialCity => "thành phố",
        UnitType.UrbanDistrict => "quận",
        UnitType.Commune => "xã",
        UnitType.Ward => "phường",
        UnitType.SpecialZone => "đặc khu",
        UnitType.Township => "thị trấn",
        UnitType.Hamlet => "thôn",
        UnitType.Village => "bản",
        UnitType.ResidentialGroup => "tổ dân phố",
        _ => "",
    };

    public static string FullName(UnitType type, string name) => $"{VietnamesePrefix(type)} {name}";

    /// <summary>Whether a unit of <paramref name="child"/> type may sit directly under one of <paramref name="parent"/> type.</summary>
    public static bool CanBeChildOf(UnitType child, UnitType? parent)
    {
        var level = LevelOf(child);
        if (parent is null) return level == UnitLevel.Province;
        var parentLevel = LevelOf(parent.Value);
        return level switch
        {
            UnitLevel.Province => false,
            UnitLevel.District => parentLevel == UnitLevel.Province,
            UnitLevel.Commune => parentLevel is UnitLevel.Province or UnitLevel.District,
            UnitLevel.Village => parentLevel == UnitLevel.Commune,
            _ => false,
        };
    }
}
