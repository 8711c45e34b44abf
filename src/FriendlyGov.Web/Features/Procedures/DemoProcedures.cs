using FriendlyGov.Core.Data;

namespace FriendlyGov.Web.Features.Procedures;

/// <summary>
/// Fifteen commune-level procedures as the province posts them (demo template). Time limits and fees follow the Law on
/// Civil Status 2014, Decree 123/2015 and Decree 23/2015 as we know them; see docs/demo-data.md for what to check.
/// </summary>
public static class DemoProcedures
{
    private const string Ht = "Hộ tịch", Ct = "Chứng thực", Btxh = "Bảo trợ xã hội";
    private const string Lct = "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP";
    private const string Lcth = "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch";
    private const string Steps = "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa của UBND xã hoặc trực tuyến.\nBước 2: Cán bộ kiểm tra hồ sơ; hồ sơ đầy đủ thì nhận và viết Giấy tiếp nhận hồ sơ và hẹn trả kết quả; chưa đầy đủ thì hướng dẫn bổ sung.\nBước 3: Nhận kết quả tại Bộ phận Một cửa theo ngày hẹn.";

    private static readonly ProcedureDocument Id = new("Giấy tờ tùy thân (Căn cước công dân) của người yêu cầu", 1, 0, null);
    private static List<ProcedureStep> Flow(decimal? days) => days is null
        ? [new("Tiếp nhận, kiểm tra hồ sơ", Roles.CounterOfficer, 0.5m), new("Ký, trả kết quả", Roles.CommuneLeader, 0.5m)]
        : [new("Tiếp nhận, kiểm tra hồ sơ", Roles.CounterOfficer, 0.5m), new("Thẩm định, xử lý", Roles.Specialist, Math.Max(0.5m, days.Value - 1.5m)),
            new("Phê duyệt, ký", Roles.CommuneLeader, 0.5m), new("Trả kết quả", Roles.CounterOfficer, 0.5m)];

    private static Procedure P(string code, string name, string field, decimal? days, string fee, string result, string who, OnlineLevel online,
        string legal, params ProcedureDocument[] docs) => new()
    {
        Code = code, Name = name, Field = field, TimeLimitDays = days, Fee = fee, Result = result, WhoMayApply = who, OnlineLevel = online,
        LegalBasis = legal, ApplicantSteps = Steps, InPerson = true, Online = online != OnlineLevel.None, ByPost = online != OnlineLevel.None,
        Documents = [.. docs], Workflow = Flow(days),
    };

    public static List<Procedure> All() =>
    [
        P("1.001193", "Đăng ký khai sinh", Ht, null, "Miễn lệ phí (đăng ký đúng hạn)", "Giấy khai sinh (bản chính)",
            "Cha, mẹ, ông, bà hoặc người thân thích khác của trẻ", OnlineLevel.Full, Lct,
            new("Tờ khai đăng ký khai sinh (theo mẫu)", 1, 0, "Tờ khai đăng ký khai sinh"), new("Giấy chứng sinh", 1, 0, null), Id),
        P("1.000894", "Đăng ký kết hôn", Ht, null, "Miễn lệ phí", "Giấy chứng nhận kết hôn (bản chính, mỗi bên một bản)",
            "Hai bên nam, nữ cùng có mặt", OnlineLevel.Partial, Lct,
            new("Tờ khai đăng ký kết hôn (theo mẫu)", 1, 0, "Tờ khai đăng ký kết hôn"), new("Giấy tờ tùy thân của hai bên nam, nữ", 1, 0, null)),
        P("1.000656", "Đăng ký khai tử", Ht, null, "Miễn lệ phí (đăng ký đúng hạn)", "Trích lục khai tử (bản chính)",
            "Vợ, chồng, con, cha, mẹ hoặc người thân thích của người chết", OnlineLevel.Full, Lct,
            new("Tờ khai đăng ký khai tử (theo mẫu)", 1, 0, "Tờ khai đăng ký khai tử"), new("Giấy báo tử hoặc giấy tờ thay thế", 1, 0, null), Id),
        P("1.001022", "Đăng ký nhận cha, mẹ, con", Ht, 3, "Miễn lệ phí", "Trích lục đăng ký nhận cha, mẹ, con",
            "Cha, mẹ, con (có mặt khi đăng ký)", OnlineLevel.Partial, Lct,
            new("Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)", 1, 0, "Tờ khai nhận cha, mẹ, con"), new("Chứng cứ chứng minh quan hệ cha, mẹ, con", 1, 0, null), Id),
        P("1.004837", "Đăng ký giám hộ", Ht, 3, "Miễn lệ phí", "Trích lục đăng ký giám hộ", "Người giám hộ", OnlineLevel.Partial, Lct,
            new("Tờ khai đăng ký giám hộ (theo mẫu)", 1, 0, "Tờ khai đăng ký giám hộ"), new("Văn bản cử người giám hộ", 1, 0, null), Id),
        P("1.004845", "Đăng ký chấm dứt giám hộ", Ht, 2, "Miễn lệ phí", "Trích lục đăng ký chấm dứt giám hộ", "Người yêu cầu", OnlineLevel.Partial, Lct,
            new("Tờ khai đăng ký chấm dứt giám hộ (theo mẫu)", 1, 0, "Tờ khai chấm dứt giám hộ"), new("Giấy tờ làm căn cứ chấm dứt giám hộ", 1, 0, null), Id),
        P("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", Ht, 3, "Theo nghị quyết của HĐND tỉnh", "Giấy xác nhận tình trạng hôn nhân",
            "Công dân Việt Nam cư trú tại xã", OnlineLevel.Full, Lct,
            new("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)", 1, 0, "Tờ khai xác nhận tình trạng hôn nhân"), Id),
        P("2.000635", "Cấp bản sao Trích lục hộ tịch", Ht, null, "8.000 đồng/bản sao", "Bản sao trích lục hộ tịch",
            "Cá nhân có yêu cầu", OnlineLevel.Full, Lct, new("Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)", 1, 0, "Tờ khai cấp bản sao trích lục"), Id),
        P("1.004859", "Thay đổi, cải chính, bổ sung thông tin hộ tịch", Ht, 3, "Theo nghị quyết của HĐND tỉnh", "Trích lục thay đổi, cải chính hộ tịch",
            "Người yêu cầu (người dưới 14 tuổi qua người đại diện)", OnlineLevel.Partial, Lct,
            new("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch (theo mẫu)", 1, 0, "Tờ khai thay đổi, cải chính hộ tịch"),
            new("Giấy tờ làm căn cứ thay đổi, cải chính", 1, 1, null), Id),
        P("1.004884", "Đăng ký lại khai sinh", Ht, 5, "Miễn lệ phí", "Giấy khai sinh (bản chính)", "Người đã đăng ký khai sinh nhưng sổ và bản chính bị mất",
            OnlineLevel.Partial, Lct, new("Tờ khai đăng ký lại khai sinh (theo mẫu)", 1, 0, "Tờ khai đăng ký lại khai sinh"),
            new("Bản sao Giấy khai sinh hoặc giấy tờ có thông tin khai sinh", 0, 1, null), Id),
        P("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp", Ct, null,
            "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản", "Bản sao được chứng thực", "Cá nhân, tổ chức", OnlineLevel.Partial, Lcth,
            new("Bản chính giấy tờ, văn bản làm cơ sở chứng thực", 1, 0, null), new("Bản sao cần chứng thực", 0, 1, null)),
        P("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", Ct, null, "10.000 đồng/trường hợp", "Giấy tờ, văn bản được chứng thực chữ ký",
            "Người yêu cầu ký trước mặt người thực hiện chứng thực", OnlineLevel.None, Lcth, new("Giấy tờ, văn bản cần chứng thực chữ ký", 1, 0, null), Id),
        P("2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", Ct, 2, "50.000 đồng/hợp đồng, giao dịch",
            "Hợp đồng, giao dịch được chứng thực", "Các bên tham gia hợp đồng", OnlineLevel.None, Lcth,
            new("Dự thảo hợp đồng, giao dịch", 1, 0, null), new("Giấy tờ chứng minh quyền sở hữu, sử dụng tài sản", 0, 1, null), Id),
        P("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", Btxh, 15, "Không thu phí", "Quyết định hưởng trợ cấp xã hội hằng tháng",
            "Người thuộc diện bảo trợ xã hội hoặc người giám hộ", OnlineLevel.Partial, "Nghị định số 20/2021/NĐ-CP",
            new("Tờ khai đề nghị trợ giúp xã hội (theo mẫu)", 1, 0, "Tờ khai đề nghị trợ giúp xã hội"), Id),
        P("1.003930", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", Btxh, 10, "Không thu phí", "Giấy chứng nhận hộ nghèo, hộ cận nghèo",
            "Hộ gia đình cư trú trên địa bàn xã", OnlineLevel.Partial, "Nghị định số 07/2021/NĐ-CP; Quyết định số 24/2021/QĐ-TTg",
            new("Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo (theo mẫu)", 1, 0, "Giấy đề nghị xét duyệt hộ nghèo"), Id),
    ];
}
