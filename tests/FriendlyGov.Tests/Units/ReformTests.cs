using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.Domain;

public class ReformTests
{
    private static readonly DateOnly July1 = new(2025, 7, 1);
    private static UnitFacts Province(int id) => new(id, id.ToString(), "Tỉnh " + id, UnitType.Province, null, id, new(2000, 1, 1), null, null);
    private static UnitFacts Commune(int id, int province, DateOnly? to = null, int? successor = null) =>
        new(id, "0" + id, "Xã " + id, UnitType.Commune, 500, province, new(2000, 1, 1), to, successor);

    [Fact]
    public void Merge_of_two_communes_in_force_in_one_province_is_allowed()
    {
        Assert.Empty(Reform.CheckMerge([Commune(10, 1), Commune(11, 1)], Province(1), "09999", "Vạn Lộc", UnitType.Commune, July1, codeTaken: false));
    }

    [Fact]
    public void Merge_needs_two_distinct_communes()
    {
        var errors = Reform.CheckMerge([Commune(10, 1), Commune(10, 1)], Province(1), "09999", "Vạn Lộc", UnitType.Commune, July1, false);
        Assert.Contains(errors, e => e.Field == "Sources");
    }

    [Fact]
    public void Merge_across_provinces_is_refused()
    {
        var errors = Reform.CheckMerge([Commune(10, 1), Commune(11, 2)], Province(1), "09999", "Vạn Lộc", UnitType.Commune, July1, false);
        Assert.Contains(errors, e => e.Message.Contains("cùng tỉnh"));
    }

    [Fact]
    public void Merge_of_an_already_merged_commune_is_refused()
    {
        var errors = Reform.CheckMerge([Commune(10, 1, successor: 99), Commune(11, 1)], Province(1), "09999", "Vạn Lộc", UnitType.Commune, July1, false);
        Assert.Contains(errors, e => e.Message.Contains("không còn hiệu lực"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("09 999", false)]
    [InlineData("09999", true)]
    public void Merge_checks_the_new_code(string code, bool taken)
    {
        var errors = Reform.CheckMerge([Commune(10, 1), Commune(11, 1)], Province(1), code, "Vạn Lộc", UnitType.Commune, July1, taken);
        Assert.Contains(errors, e => e.Field == "NewCode");
    }

    [Fact]
    public void Merge_into_a_village_type_is_refused()
    {
        var errors = Reform.CheckMerge([Commune(10, 1), Commune(11, 1)], Province(1), "09999", "Vạn Lộc", UnitType.Hamlet, July1, false);
        Assert.Contains(errors, e => e.Field == "NewType");
    }

    [Fact]
    public void Reparent_moves_a_commune_only_under_a_province_in_force()
    {
        Assert.Empty(Reform.CheckReparent(Commune(10, 1), Province(1), July1));
        var district = new UnitFacts(7, "099", "Tuần Giáo", UnitType.District, 1, 1, new(2000, 1, 1), null, null);
        Assert.Contains(Reform.CheckReparent(Commune(10, 1), district, July1), e => e.Field == "NewParentId");
        var ended = Province(1) with { EffectiveTo = new(2025, 6, 30) };
        Assert.NotEmpty(Reform.CheckReparent(Commune(10, 1), ended, July1));
    }

    [Fact]
    public void Rename_refuses_an_empty_or_unchanged_name()
    {
        Assert.NotEmpty(Reform.CheckRename(Commune(10, 1), " ", July1));
        Assert.NotEmpty(Reform.CheckRename(Commune(10, 1), "Xã 10", July1));
        Assert.Empty(Reform.CheckRename(Commune(10, 1), "Chiềng Sinh", July1));
    }

    [Fact]
    public void A_district_ends_only_when_nothing_current_hangs_under_it()
    {
        var district = new UnitFacts(7, "099", "Tuần Giáo", UnitType.District, 1, 1, new(2000, 1, 1), null, null);
        Assert.NotEmpty(Reform.CheckEnd(district, currentChildren: 3, new(2025, 6, 30)));
        Assert.Empty(Reform.CheckEnd(district, currentChildren: 0, new(2025, 6, 30)));
    }

    [Fact]
    public void Name_on_a_day_before_a_rename_is_the_old_name()
    {
        (DateOnly, string)[] renames = [(new(2020, 1, 1), "Bản Cũ"), (July1, "Bản Giữa")];
        Assert.Equal("Bản Cũ", Reform.NameOn("Bản Mới", renames, new(2019, 5, 1)));
        Assert.Equal("Bản Giữa", Reform.NameOn("Bản Mới", renames, new(2024, 5, 1)));
        Assert.Equal("Bản Mới", Reform.NameOn("Bản Mới", renames, July1));
    }

    [Theory]
    [InlineData(UnitType.Village, UnitType.Commune, true)]
    [InlineData(UnitType.Village, UnitType.Province, false)]
    [InlineData(UnitType.Commune, UnitType.District, true)]
    [InlineData(UnitType.Ward, UnitType.Province, true)]
    [InlineData(UnitType.District, UnitType.Province, true)]
    [InlineData(UnitType.Commune, UnitType.Village, false)]
    public void Tree_levels_fit_together(UnitType child, UnitType parent, bool allowed)
    {
        Assert.Equal(allowed, UnitTypes.CanBeChildOf(child, parent));
    }

    [Theory]
    [InlineData("Chiềng Sinh", "chieng sinh")]
    [InlineData("Đa Lộc", "da loc")]
    [InlineData("  QUẢNG Xương ", "quang xuong")]
    public void Folding_removes_diacritics_for_search(string text, string folded)
    {
        Assert.Equal(folded, VietnameseText.Fold(text));
    }
}
