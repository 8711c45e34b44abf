using System.Text;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Features.Petitions;
using SkiaSharp;

namespace FriendlyGov.Tests.Domain;

/// <summary>Petition deadlines, escalation, lifecycle, similarity and report figures, with hand-computed expectations.</summary>
public class PetitionRulesTests
{
    // 07:00–11:30 and 13:30–17:00: 480 working minutes a day. 2025: 30/4–4/5 off, Saturday 26/4 a make-up working day.
    private static readonly WorkingCalendar Calendar = new(AnnouncedDays.Known, OfficeHours.Default);
    private static readonly DateTime Monday = new(2025, 4, 21, 9, 0, 0);

    [Fact]
    public void Fifteen_working_days_skip_the_april_holidays_count_the_make_up_saturday_and_end_at_the_session_close()
    {
        // Mon 21/4 09:00: 360 min that day; then Tue 22 … Tue 29 (with Sat 26) = 6 days; 30/4–4/5 off; Mon 5/5 … Tue 13/5 = 7 days;
        // 14.25 days used → Wed 14/5 at 11:00, rounded up to the end of the morning session.
        Assert.Equal(new DateTime(2025, 5, 14, 11, 30, 0), PetitionClock.Due(Calendar, Monday, 15, 0));
    }

    [Fact]
    public void A_pause_moves_the_deadline_by_the_working_time_it_lasted()
    {
        // Waiting for the sender from Thu 24/4 07:00 to Mon 28/4 07:00: Thu, Fri and the make-up Saturday = 1440 working minutes.
        var paused = PetitionClock.PausedMinutes(Calendar, new(2025, 4, 24, 7, 0, 0), new(2025, 4, 28, 7, 0, 0));
        Assert.Equal(1440, paused);
        // 14/5 11:30 + 1440: 210 that afternoon, 15/5 and 16/5 whole, 270 on Mon 19/5 → 11:30.
        Assert.Equal(new DateTime(2025, 5, 19, 11, 30, 0), PetitionClock.Due(Calendar, Monday, 15, paused));
        // A pause over a holiday moves nothing.
        Assert.Equal(0, PetitionClock.PausedMinutes(Calendar, new(2025, 4, 30, 7, 0, 0), new(2025, 5, 4, 20, 0, 0)));
    }

    [Fact]
    public void During_a_pause_the_shown_deadline_already_includes_the_time_waited()
    {
        var due = PetitionClock.DueAsOf(Calendar, Monday, 15, 0, pausedAt: new(2025, 4, 24, 7, 0, 0), now: new(2025, 4, 25, 7, 0, 0));
        Assert.Equal(new DateTime(2025, 5, 15, 11, 30, 0), due); // 14/5 11:30 + 480
        Assert.Equal(new DateTime(2025, 5, 14, 11, 30, 0), PetitionClock.DueAsOf(Calendar, Monday, 15, 0, null, new(2025, 4, 25, 7, 0, 0)));
    }

    [Theory]
    [InlineData("2025-05-14 11:00", false, Escalation.None)]       // not yet due
    [InlineData("2025-05-14 12:00", false, Escalation.Leader)]     // overdue, 0 working minutes (lunch)
    [InlineData("2025-05-19 09:00", false, Escalation.Leader)]     // 210 + 480 + 480 + 120 = 1290 < 1440
    [InlineData("2025-05-19 13:30", false, Escalation.Supervisor)] // 210 + 480 + 480 + 270 = 1440: three working days late
    [InlineData("2025-05-30 09:00", true, Escalation.None)]        // waiting for the sender: no escalation
    public void Overdue_goes_to_the_leader_then_after_three_working_days_to_the_supervisor(string now, bool paused, Escalation expected)
    {
        var due = new DateTime(2025, 5, 14, 11, 30, 0);
        Assert.Equal(expected, PetitionClock.EscalationAt(Calendar, due, DateTime.Parse(now), paused, PetitionDeadlines.Default));
    }

    /// <summary>
    /// The desk counts in the database with two limits per calendar; they must select exactly the petitions the clock calls
    /// escalated to the province and due soon (every due date at a session's end, every "now" to the minute, over two years).
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public bool The_desks_cut_off_and_horizon_select_what_the_clock_calls_escalated_and_due_soon(int nowOffset, ushort dueBack, bool ahead)
    {
        var now = new DateTime(2025, 1, 1).AddMinutes(Math.Abs(nowOffset % (2 * 366 * 24 * 60)));
        var due = Calendar.DueAt(now.AddMinutes(-(ahead ? 0 : 1) * (dueBack % (40 * 24 * 60)) - 24 * 60), 0.5m + dueBack % 9 / 2m);
        var deadlines = PetitionDeadlines.Default with { SupervisorAfterDays = 0.5m + dueBack % 7 };
        var escalated = PetitionClock.EscalationAt(Calendar, due, now, false, deadlines) == Escalation.Supervisor;
        return escalated == (due <= PetitionClock.SupervisorCutoff(Calendar, now, deadlines))
            && PetitionClock.DueSoon(Calendar, due, now) == (now <= due && due <= PetitionClock.DueSoonHorizon(Calendar, now));
    }

    /// <summary>The partial index of the open backlog holds exactly the statuses the lifecycle calls open.</summary>
    [Fact]
    public void The_open_backlog_index_covers_the_open_statuses()
    {
        Assert.Equal(FriendlyGov.Core.Data.PetitionConfiguration.OpenBacklogFilter,
            $"\"Status\" IN ({string.Join(", ", PetitionLifecycle.OpenStatuses.Select(s => (int)s).Order())})");
        Assert.All(Enum.GetValues<PetitionStatus>(), s => Assert.Equal(PetitionLifecycle.IsOpen(s),
            FriendlyGov.Core.Data.PetitionConfiguration.OpenBacklogFilter.Contains(((int)s).ToString())));
    }

    [Fact]
    public void Due_soon_means_within_one_working_day()
    {
        var due = new DateTime(2025, 5, 14, 11, 30, 0);
        Assert.True(PetitionClock.DueSoon(Calendar, due, new(2025, 5, 13, 14, 0, 0)));
        Assert.False(PetitionClock.DueSoon(Calendar, due, new(2025, 5, 12, 14, 0, 0)));
        Assert.False(PetitionClock.DueSoon(Calendar, due, new(2025, 5, 14, 12, 0, 0))); // overdue is not "soon"
    }

    [Fact]
    public void Deadlines_are_checked_when_configured()
    {
        Assert.Empty(PetitionDeadlines.Default.Problems());
        Assert.NotEmpty((PetitionDeadlines.Default with { AnswerDays = 0 }).Problems());
        Assert.NotEmpty((PetitionDeadlines.Default with { RefuseDays = 20 }).Problems());
    }

    [Theory]
    [InlineData(PetitionStatus.Received, PetitionAction.Assigned, PetitionStatus.Assigned)]
    [InlineData(PetitionStatus.Assigned, PetitionAction.Started, PetitionStatus.InProgress)]
    [InlineData(PetitionStatus.InProgress, PetitionAction.InfoRequested, PetitionStatus.NeedsInfo)]
    [InlineData(PetitionStatus.NeedsInfo, PetitionAction.InfoProvided, PetitionStatus.InProgress)]
    [InlineData(PetitionStatus.InProgress, PetitionAction.Answered, PetitionStatus.Answered)]
    [InlineData(PetitionStatus.Answered, PetitionAction.Closed, PetitionStatus.Closed)]
    [InlineData(PetitionStatus.Closed, PetitionAction.Reopened, PetitionStatus.InProgress)]
    [InlineData(PetitionStatus.NeedsInfo, PetitionAction.TransferredOut, PetitionStatus.Transferred)]
    [InlineData(PetitionStatus.Received, PetitionAction.Rejected, PetitionStatus.Rejected)]
    public void Allowed_steps(PetitionStatus from, PetitionAction action, PetitionStatus to) =>
        Assert.Equal(to, PetitionLifecycle.Next(from, action));

    [Theory]
    [InlineData(PetitionStatus.Received, PetitionAction.Started)]    // nobody was given it yet
    [InlineData(PetitionStatus.NeedsInfo, PetitionAction.Answered)]  // waiting for the sender
    [InlineData(PetitionStatus.Closed, PetitionAction.Answered)]
    [InlineData(PetitionStatus.Rejected, PetitionAction.Assigned)]
    [InlineData(PetitionStatus.Transferred, PetitionAction.Answered)]
    [InlineData(PetitionStatus.Answered, PetitionAction.TransferredOut)]
    public void Refused_steps(PetitionStatus from, PetitionAction action) => Assert.Null(PetitionLifecycle.Next(from, action));

    [Fact]
    public void Similar_petitions_share_most_significant_words_whatever_the_diacritics()
    {
        var a = "Đường vào bản Hới Ná sạt lở sau mưa lớn. Đất đá lấp một nửa mặt đường.";
        var b = "Sat lo duong vao Hoi Na, dat da lap mat duong";
        var c = "Rác thải đổ bừa bãi cạnh suối bản Củ";
        Assert.True(PetitionSimilarity.Score(a, b) >= PetitionSimilarity.Threshold, $"{PetitionSimilarity.Score(a, b)}");
        Assert.True(PetitionSimilarity.Score(a, c) < 0.1);
        Assert.Equal(0, PetitionSimilarity.Score("", a));
    }

    private static PetitionFact F(string cat, string? village, bool open = false, bool overdue = false, bool answered = false, bool onTime = false,
        bool? satisfied = null, bool repeated = false) => new(cat, village, "2026-11", open, overdue, answered, onTime, satisfied, repeated);

    [Fact]
    public void Report_figures_are_hand_computed_and_empty_rates_are_not_applicable()
    {
        var facts = new[]
        {
            F("Giao thông", "Hới Ná", open: true, overdue: true),
            F("Giao thông", "Hới Ná", open: true, repeated: true),
            F("Giao thông", "Hới Ná", open: true, repeated: true),
            F("Môi trường", "Củ", answered: true, onTime: true, satisfied: true),
            F("Môi trường", "Củ", answered: true, onTime: false, satisfied: false),
            F("Môi trường", null, answered: true, onTime: true),
        };
        var all = PetitionReports.Figures(facts);
        Assert.Equal((6, 3, 1, 3, 2, 2, 1, 2), (all.Total, all.Open, all.Overdue, all.Answered, all.AnsweredOnTime, all.Confirmed, all.Satisfied, all.Repeated));
        Assert.Equal(66.7m, all.OnTimeRate);   // 2 of 3
        Assert.Equal(50.0m, all.SatisfiedRate); // 1 of 2 confirmed
        var empty = PetitionReports.Figures([F("Khác", null, open: true)]);
        Assert.Null(empty.OnTimeRate);
        Assert.Null(empty.SatisfiedRate);
        Assert.Equal(0, PetitionReports.Figures([]).Total);

        var byVillage = PetitionReports.By(facts, f => f.Village);
        Assert.Equal(["Hới Ná", "Củ", "(chưa rõ)"], byVillage.Select(x => x.Key).ToArray());
        // Hới Ná: 3 open (≥ 3) and 2 repeated; the field Giao thông likewise (a tie: by name); Củ and Môi trường are quiet.
        var hot = PetitionReports.HotSpots(facts);
        Assert.Equal([("Lĩnh vực", "Giao thông"), ("Thôn, bản", "Hới Ná")], hot.Select(h => (h.Kind, h.Name)).ToArray());
        Assert.Equal((3, 2, 3), (hot[0].Open, hot[0].Repeated, hot[0].Total));
    }

    // ---- photos ----------------------------------------------------------------------------------------------------

    /// <summary>A 40×20 JPEG, left half red, right half blue, with an EXIF block saying "rotate 90° clockwise to show" and a comment.</summary>
    internal static byte[] CameraJpeg(ushort orientation = 6, string secret = "GPS 21.5912N 103.4021E SECRET")
    {
        using var bmp = new SKBitmap(40, 20);
        using (var canvas = new SKCanvas(bmp))
        {
            canvas.DrawRect(0, 0, 20, 20, new SKPaint { Color = SKColors.Red });
            canvas.DrawRect(20, 0, 20, 20, new SKPaint { Color = SKColors.Blue });
        }
        var jpeg = SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Jpeg, 95).ToArray();
        // APP1 "Exif": big-endian TIFF with one IFD entry, Orientation (0x0112, SHORT, 1) = orientation.
        var tiff = new List<byte>("Exif\0\0"u8.ToArray()) { 0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
            (byte)(orientation >> 8), (byte)orientation, 0, 0, 0, 0, 0, 0 };
        var comment = Encoding.ASCII.GetBytes(secret);
        var app1 = new List<byte> { 0xFF, 0xE1, (byte)((tiff.Count + 2) >> 8), (byte)(tiff.Count + 2) };
        app1.AddRange(tiff);
        var com = new List<byte> { 0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2) };
        com.AddRange(comment);
        return [.. jpeg[..2], .. app1, .. com, .. jpeg[2..], .. Encoding.ASCII.GetBytes("TRAILING-PAYLOAD")];
    }

    [Fact]
    public void A_photo_is_turned_upright_and_re_encoded_without_metadata_or_trailing_bytes()
    {
        var upload = CameraJpeg();
        Assert.Contains("SECRET", Encoding.ASCII.GetString(upload));
        var (photo, problem) = Photos.Clean(new PhotoUpload("IMG_0001.jpg", upload));
        Assert.Null(problem);
        var text = Encoding.ASCII.GetString(photo!.Jpeg);
        Assert.DoesNotContain("SECRET", text);
        Assert.DoesNotContain("TRAILING", text);
        Assert.DoesNotContain("Exif", text);
        // Rotated 90° clockwise: 20 wide, 40 high; what was the left (red) is now the top.
        Assert.Equal((20, 40), (photo.Width, photo.Height));
        using var back = SKBitmap.Decode(photo.Jpeg);
        Assert.Equal((20, 40), (back.Width, back.Height));
        var top = back.GetPixel(10, 8);
        var bottom = back.GetPixel(10, 32);
        Assert.True(top.Red > 200 && top.Blue < 60, $"top {top}");
        Assert.True(bottom.Blue > 200 && bottom.Red < 60, $"bottom {bottom}");
    }

    [Fact]
    public void A_large_photo_is_scaled_down_to_1600_pixels()
    {
        using var bmp = new SKBitmap(3200, 2000);
        using (var canvas = new SKCanvas(bmp)) canvas.Clear(SKColors.Green);
        var png = SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Png, 100).ToArray();
        var (photo, problem) = Photos.Clean(new PhotoUpload("big.png", png));
        Assert.Null(problem);
        Assert.Equal((1600, 1000), (photo!.Width, photo.Height));
    }

    [Theory]
    [InlineData("%PDF-1.7 not an image")]
    [InlineData("")]
    public void What_is_not_an_image_is_refused_with_a_vietnamese_reason(string content)
    {
        var (photo, problem) = Photos.Clean(new PhotoUpload("x.jpg", Encoding.ASCII.GetBytes(content)));
        Assert.Null(photo);
        Assert.Contains("x.jpg", problem);
    }

    [Fact]
    public void A_truncated_image_with_a_valid_header_is_refused()
    {
        var (photo, problem) = Photos.Clean(new PhotoUpload("hong.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3]));
        Assert.Null(photo);
        Assert.Equal("Không đọc được ảnh “hong.jpg”.", problem);
    }
}
