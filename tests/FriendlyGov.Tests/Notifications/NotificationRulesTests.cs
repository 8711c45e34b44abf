using FriendlyGov.Core.Domain;

namespace FriendlyGov.Tests.Domain;

public class NotificationRulesTests
{
    [Fact]
    public void Rendering_fills_known_placeholders_and_leaves_nothing_of_an_absent_one()
    {
        var text = NotificationRules.Render("Hồ sơ {ma_ho_so}, hẹn {han_tra}.", new Dictionary<string, string> { ["ma_ho_so"] = "X-1" });
        Assert.Equal("Hồ sơ X-1, hẹn .", text);
    }

    [Fact]
    public void A_template_with_an_unknown_placeholder_or_a_broken_brace_is_refused_naming_what_is_allowed()
    {
        var problems = NotificationRules.Problems(NotificationMoment.DossierReceived, NotificationChannel.Sms, null, "Ho so {ma_hoso} {han_tra");
        Assert.Contains(problems, p => p.Contains("{ma_hoso}") && p.Contains("{ma_ho_so}"));
        Assert.Contains(problems, p => p.Contains("ngoặc"));
        Assert.Empty(NotificationRules.Problems(NotificationMoment.DossierReceived, NotificationChannel.Sms, null, "Ho so {ma_ho_so}, hen {han_tra}"));
    }

    [Fact]
    public void A_citizen_email_must_carry_the_withdrawal_link_and_a_subject_but_a_staff_one_need_not_carry_the_link()
    {
        Assert.Contains(NotificationRules.Problems(NotificationMoment.ResultReady, NotificationChannel.Email, "Có kết quả", "Mời nhận {ma_ho_so}"),
            p => p.Contains("{huy_nhan}"));
        Assert.Contains(NotificationRules.Problems(NotificationMoment.ResultReady, NotificationChannel.Email, "", "Mời nhận {ma_ho_so} {huy_nhan}"),
            p => p.Contains("tiêu đề"));
        Assert.Empty(NotificationRules.Problems(NotificationMoment.StaffAssigned, NotificationChannel.Email, "Giao", "Hồ sơ {ma_ho_so}"));
    }

    [Fact]
    public void Every_built_in_template_passes_its_own_checks_in_both_languages_and_every_sms_fits_one_segment_once_filled_plainly()
    {
        foreach (var m in Enum.GetValues<NotificationMoment>())
        foreach (var c in Enum.GetValues<NotificationChannel>())
        foreach (var l in new[] { "vi", "en" })
        {
            var t = DefaultTemplates.For(m, c, l);
            Assert.Empty(NotificationRules.Problems(m, c, t.Subject, t.Body));
            if (c != NotificationChannel.Sms || NotificationRules.ForStaff(m)) continue;
            var filled = NotificationRules.Render(t.Body, new Dictionary<string, string>
            {
                ["ten_xa"] = "UBND xa Quang Loc", ["ma_ho_so"] = "000.00.16.H26-261201-0001", ["ma_phan_anh"] = "PA-16060-261201-001",
                ["lien_ket"] = "https://dvc.vn/tra-cuu/0123456789abcdef01234567", ["danh_gia"] = "https://dvc.vn/danh-gia/0123456789abcdef01234567",
                ["han_tra"] = "16:00 03/12", ["ngay_hen_moi"] = "16:00 08/12", ["han_tra_loi"] = "16:00 22/12", ["don_vi_moi"] = "UBND xa Chieng Sinh",
            });
            Assert.True(NotificationRules.SmsSegments(NotificationRules.WithoutDiacritics(filled)) <= 2, $"{m} {l}: {filled}");
        }
    }

    [Theory]
    [InlineData("Đã tiếp nhận hồ sơ của ông/bà", "Da tiep nhan ho so cua ong/ba")]
    [InlineData("Quỳnh Nhai, Mường Lay", "Quynh Nhai, Muong Lay")]
    public void The_sms_safe_form_drops_every_diacritic_and_writes_d_for_đ(string text, string expected) =>
        Assert.Equal(expected, NotificationRules.WithoutDiacritics(text));

    [Fact]
    public void Segments_count_seven_bit_and_unicode_texts_as_the_networks_do()
    {
        Assert.Equal(1, NotificationRules.SmsSegments(new string('a', 160)));
        Assert.Equal(2, NotificationRules.SmsSegments(new string('a', 161)));
        Assert.Equal(1, NotificationRules.SmsSegments(new string('ă', 70)));
        Assert.Equal(2, NotificationRules.SmsSegments(new string('ă', 71)));
    }

    [Theory]
    [InlineData("0912345678", "0912****78")]
    [InlineData("lan.nguyen@gmail.com", "l***@gmail.com")]
    [InlineData("123", "***")]
    public void Addresses_are_masked_keeping_only_what_tells_them_apart(string recipient, string masked) =>
        Assert.Equal(masked, Masking.Contact(recipient));

    [Theory]
    [InlineData("2026-12-01 22:30", "2026-12-02 07:00")] // late evening: the next morning
    [InlineData("2026-12-02 05:10", "2026-12-02 07:00")] // before dawn: this morning
    [InlineData("2026-12-02 07:00", "2026-12-02 07:00")] // the quiet ends exactly then
    [InlineData("2026-12-02 14:00", "2026-12-02 14:00")] // the day: at once
    public void An_sms_due_in_the_quiet_hours_waits_for_their_end(string now, string expected) =>
        Assert.Equal(DateTime.Parse(expected), NotificationRules.NotBefore(DateTime.Parse(now), new TimeOnly(21, 0), new TimeOnly(7, 0)));

    [Fact]
    public void Failed_tries_are_retried_four_times_with_growing_waits_then_given_up()
    {
        var waits = Enumerable.Range(1, 5).Select(NotificationRules.RetryAfter).ToList();
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60), null], waits);
    }

    [Theory]
    [InlineData("0912 345 678", "84912345678")]
    [InlineData("84912345678", "84912345678")]
    public void Phones_are_given_to_providers_in_international_form(string phone, string expected) =>
        Assert.Equal(expected, NotificationRules.InternationalPhone(phone));
}
