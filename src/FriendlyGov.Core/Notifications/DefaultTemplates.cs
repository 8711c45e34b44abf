namespace FriendlyGov.Core.Domain;

/// <summary>
/// The built-in wording of every moment, in plain Vietnamese and in English, for e-mail and for SMS (one segment where it
/// fits; the SMS text is also the summary of a Zalo message). A province replaces any of them on its templates page.
/// </summary>
public static class DefaultTemplates
{
    private const string Footer = "\n\nKhông muốn nhận thông báo nữa: {huy_nhan}\n{ten_xa}";
    private const string FooterEn = "\n\nTo stop these messages: {huy_nhan}\n{ten_xa}";

    private static readonly Dictionary<(NotificationMoment, string), (TemplateText Email, string Sms)> Texts = new()
    {
        [(NotificationMoment.DossierSubmitted, "vi")] = (new("Đã nhận hồ sơ {ma_ho_so}",
            "Kính gửi ông/bà,\n\n{ten_xa} đã nhận hồ sơ {ma_ho_so} ({thu_tuc}) ông/bà nộp trực tuyến. Cán bộ sẽ kiểm tra và báo lại trong 1 ngày làm việc.\n\nTheo dõi hồ sơ: {lien_ket}" + Footer),
            "{ten_xa}: da nhan ho so {ma_ho_so}, can bo se kiem tra va bao lai. Tra cuu: {lien_ket}"),
        [(NotificationMoment.DossierSubmitted, "en")] = (new("Application {ma_ho_so} received",
            "Dear applicant,\n\n{ten_xa} has received your online application {ma_ho_so} ({thu_tuc}). An official will check it within one working day.\n\nTrack it: {lien_ket}" + FooterEn),
            "{ten_xa}: application {ma_ho_so} received. Track: {lien_ket}"),
        [(NotificationMoment.DossierReceived, "vi")] = (new("Hồ sơ {ma_ho_so} đã được tiếp nhận",
            "Kính gửi ông/bà,\n\nHồ sơ {ma_ho_so} ({thu_tuc}) đã được tiếp nhận. Ngày hẹn trả kết quả: {han_tra}.\n\nTheo dõi hồ sơ: {lien_ket}" + Footer),
            "{ten_xa}: ho so {ma_ho_so} da duoc tiep nhan, hen tra {han_tra}. Tra cuu: {lien_ket}"),
        [(NotificationMoment.DossierReceived, "en")] = (new("Application {ma_ho_so} accepted",
            "Dear applicant,\n\nApplication {ma_ho_so} ({thu_tuc}) has been accepted. The result is due on {han_tra}.\n\nTrack it: {lien_ket}" + FooterEn),
            "{ten_xa}: application {ma_ho_so} accepted, due {han_tra}. Track: {lien_ket}"),
        [(NotificationMoment.SupplementRequested, "vi")] = (new("Hồ sơ {ma_ho_so} cần bổ sung giấy tờ",
            "Kính gửi ông/bà,\n\nĐể giải quyết hồ sơ {ma_ho_so} ({thu_tuc}), đề nghị ông/bà bổ sung:\n{giay_to_bo_sung}\n\nXem chi tiết: {lien_ket}" + Footer),
            "{ten_xa}: ho so {ma_ho_so} can bo sung giay to. Chi tiet: {lien_ket}"),
        [(NotificationMoment.SupplementRequested, "en")] = (new("Application {ma_ho_so} needs more documents",
            "Dear applicant,\n\nTo process application {ma_ho_so} ({thu_tuc}), please add:\n{giay_to_bo_sung}\n\nDetails: {lien_ket}" + FooterEn),
            "{ten_xa}: application {ma_ho_so} needs more documents. Details: {lien_ket}"),
        [(NotificationMoment.ApologyApproved, "vi")] = (new("Thư xin lỗi về hồ sơ {ma_ho_so}",
            "Kính gửi ông/bà,\n\n{ten_xa} chân thành xin lỗi vì hồ sơ {ma_ho_so} ({thu_tuc}) chưa trả kết quả đúng hẹn.\nLý do: {ly_do}\nNgày hẹn trả kết quả mới: {ngay_hen_moi}.\n\nMong ông/bà thông cảm. Theo dõi hồ sơ: {lien_ket}" + Footer),
            "{ten_xa} xin loi: ho so {ma_ho_so} cham tra, hen lai {ngay_hen_moi}. Chi tiet: {lien_ket}"),
        [(NotificationMoment.ApologyApproved, "en")] = (new("Apology about application {ma_ho_so}",
            "Dear applicant,\n\n{ten_xa} sincerely apologises that application {ma_ho_so} ({thu_tuc}) is late.\nReason: {ly_do}\nNew date for the result: {ngay_hen_moi}.\n\nTrack it: {lien_ket}" + FooterEn),
            "{ten_xa} apologises: {ma_ho_so} is late, new date {ngay_hen_moi}. {lien_ket}"),
        [(NotificationMoment.ResultReady, "vi")] = (new("Hồ sơ {ma_ho_so} đã có kết quả",
            "Kính gửi ông/bà,\n\nHồ sơ {ma_ho_so} ({thu_tuc}) đã có kết quả. Mời ông/bà đến nhận tại {noi_nhan}, trong giờ làm việc.\nKhi đến, mang theo: {mang_theo}.\nPhí, lệ phí: {phi}.\n\nTheo dõi hồ sơ: {lien_ket}" + Footer),
            "{ten_xa}: ho so {ma_ho_so} da co ket qua, moi den nhan, mang theo giay hen va CCCD. {lien_ket}"),
        [(NotificationMoment.ResultReady, "en")] = (new("The result of {ma_ho_so} is ready",
            "Dear applicant,\n\nThe result of application {ma_ho_so} ({thu_tuc}) is ready. Please collect it at {noi_nhan} during office hours.\nBring: {mang_theo}.\nFees: {phi}.\n\nTrack it: {lien_ket}" + FooterEn),
            "{ten_xa}: the result of {ma_ho_so} is ready to collect. {lien_ket}"),
        [(NotificationMoment.ResultReturned, "vi")] = (new("Đã trả kết quả hồ sơ {ma_ho_so}: mời ông/bà đánh giá",
            "Kính gửi ông/bà,\n\nHồ sơ {ma_ho_so} ({thu_tuc}) đã được trả kết quả. Sự hài lòng của ông/bà là thước đo chất lượng phục vụ: mời ông/bà đánh giá tại {danh_gia}" + Footer),
            "{ten_xa}: da tra ket qua ho so {ma_ho_so}. Moi danh gia: {danh_gia}"),
        [(NotificationMoment.ResultReturned, "en")] = (new("Application {ma_ho_so} completed: please rate us",
            "Dear applicant,\n\nThe result of application {ma_ho_so} ({thu_tuc}) has been handed over. Please tell us how we served you: {danh_gia}" + FooterEn),
            "{ten_xa}: {ma_ho_so} completed. Please rate us: {danh_gia}"),
        [(NotificationMoment.PetitionReceived, "vi")] = (new("Đã nhận phản ánh {ma_phan_anh}",
            "Kính gửi ông/bà,\n\n{ten_xa} đã nhận phản ánh, kiến nghị {ma_phan_anh}. Hạn trả lời: {han_tra_loi}.\n\nTheo dõi: {lien_ket}" + Footer),
            "{ten_xa}: da nhan phan anh {ma_phan_anh}, han tra loi {han_tra_loi}. {lien_ket}"),
        [(NotificationMoment.PetitionReceived, "en")] = (new("Petition {ma_phan_anh} received",
            "Dear sender,\n\n{ten_xa} has received petition {ma_phan_anh}. It will be answered by {han_tra_loi}.\n\nFollow it: {lien_ket}" + FooterEn),
            "{ten_xa}: petition {ma_phan_anh} received, answer by {han_tra_loi}. {lien_ket}"),
        [(NotificationMoment.PetitionNeedsInfo, "vi")] = (new("Phản ánh {ma_phan_anh}: đề nghị bổ sung thông tin",
            "Kính gửi ông/bà,\n\nĐể giải quyết phản ánh {ma_phan_anh}, đề nghị ông/bà cho biết thêm:\n{noi_dung}\n\nTrả lời tại: {lien_ket}" + Footer),
            "{ten_xa}: phan anh {ma_phan_anh} can them thong tin. Tra loi: {lien_ket}"),
        [(NotificationMoment.PetitionNeedsInfo, "en")] = (new("Petition {ma_phan_anh}: more information needed",
            "Dear sender,\n\nTo resolve petition {ma_phan_anh}, please tell us:\n{noi_dung}\n\nReply here: {lien_ket}" + FooterEn),
            "{ten_xa}: petition {ma_phan_anh} needs more information. {lien_ket}"),
        [(NotificationMoment.PetitionAnswered, "vi")] = (new("Trả lời phản ánh {ma_phan_anh}",
            "Kính gửi ông/bà,\n\n{ten_xa} trả lời phản ánh {ma_phan_anh}:\n\n{tra_loi}\n\nÔng/bà xác nhận đã được giải quyết hoặc đề nghị xem xét lại tại: {lien_ket}" + Footer),
            "{ten_xa}: da tra loi phan anh {ma_phan_anh}. Xem va xac nhan: {lien_ket}"),
        [(NotificationMoment.PetitionAnswered, "en")] = (new("Answer to petition {ma_phan_anh}",
            "Dear sender,\n\n{ten_xa} answers petition {ma_phan_anh}:\n\n{tra_loi}\n\nConfirm it is resolved, or ask us to look again: {lien_ket}" + FooterEn),
            "{ten_xa}: petition {ma_phan_anh} answered. {lien_ket}"),
        [(NotificationMoment.PetitionTransferred, "vi")] = (new("Phản ánh {ma_phan_anh} đã được chuyển",
            "Kính gửi ông/bà,\n\nPhản ánh {ma_phan_anh} thuộc thẩm quyền của {don_vi_moi} nên đã được chuyển đến đơn vị này giải quyết.\n\nTheo dõi: {lien_ket}" + Footer),
            "{ten_xa}: phan anh {ma_phan_anh} da chuyen den {don_vi_moi}. {lien_ket}"),
        [(NotificationMoment.PetitionTransferred, "en")] = (new("Petition {ma_phan_anh} transferred",
            "Dear sender,\n\nPetition {ma_phan_anh} is for {don_vi_moi} to resolve, and has been sent there.\n\nFollow it: {lien_ket}" + FooterEn),
            "{ten_xa}: petition {ma_phan_anh} sent to {don_vi_moi}. {lien_ket}"),
        [(NotificationMoment.PetitionResolvedCheck, "vi")] = (new("Phản ánh {ma_phan_anh}: vấn đề đã được giải quyết chưa?",
            "Kính gửi ông/bà,\n\nCách đây ít tuần {ten_xa} đã trả lời phản ánh {ma_phan_anh}. Vấn đề đã được giải quyết chưa? Xin ông/bà bấm xác nhận, hoặc đề nghị xem xét lại, tại: {lien_ket}" + Footer),
            "{ten_xa}: phan anh {ma_phan_anh} da duoc giai quyet chua? Xac nhan: {lien_ket}"),
        [(NotificationMoment.PetitionResolvedCheck, "en")] = (new("Petition {ma_phan_anh}: was it resolved?",
            "Dear sender,\n\nA few weeks ago {ten_xa} answered petition {ma_phan_anh}. Was the problem resolved? Please confirm, or ask us to look again: {lien_ket}" + FooterEn),
            "{ten_xa}: was petition {ma_phan_anh} resolved? {lien_ket}"),
        [(NotificationMoment.StaffAssigned, "vi")] = (new("Được giao hồ sơ {ma_ho_so}",
            "Đồng chí được giao xử lý hồ sơ {ma_ho_so} ({thu_tuc}), hạn trả {han_tra}.\n\nMở hồ sơ: {lien_ket}\n{ten_xa}"),
            "Duoc giao ho so {ma_ho_so}, han {han_tra}. {lien_ket}"),
        [(NotificationMoment.StaffAssigned, "en")] = (new("Assigned: application {ma_ho_so}",
            "You have been assigned application {ma_ho_so} ({thu_tuc}), due {han_tra}.\n\nOpen it: {lien_ket}\n{ten_xa}"),
            "Assigned {ma_ho_so}, due {han_tra}. {lien_ket}"),
        [(NotificationMoment.StaffDigest, "vi")] = (new("Việc hôm nay: {so_tre_han} trễ hạn, {so_sap_den_han} sắp đến hạn",
            "Chào đồng chí,\n\nĐang chờ đồng chí: {so_tre_han} việc đã trễ hạn, {so_sap_den_han} việc đến hạn trong 1 ngày làm việc.\n\n{danh_sach}\n\nBàn làm việc: {lien_ket}\n{ten_xa}"),
            "{so_tre_han} viec tre han, {so_sap_den_han} sap den han. {lien_ket}"),
        [(NotificationMoment.StaffDigest, "en")] = (new("Today: {so_tre_han} late, {so_sap_den_han} due soon",
            "Hello,\n\nWaiting for you: {so_tre_han} late, {so_sap_den_han} due within a working day.\n\n{danh_sach}\n\nYour desk: {lien_ket}\n{ten_xa}"),
            "{so_tre_han} late, {so_sap_den_han} due soon. {lien_ket}"),
        [(NotificationMoment.ProposalAnswered, "vi")] = (new("Đề xuất “{tieu_de}” đã được trả lời",
            "{don_vi_tra_loi} đã trả lời đề xuất “{tieu_de}” của {ten_xa}:\n\n{tra_loi}\n\nXem tại: {lien_ket}"),
            "De xuat {tieu_de} da duoc tra loi. {lien_ket}"),
        [(NotificationMoment.ProposalAnswered, "en")] = (new("Proposal “{tieu_de}” answered",
            "{don_vi_tra_loi} has answered {ten_xa}'s proposal “{tieu_de}”:\n\n{tra_loi}\n\nSee: {lien_ket}"),
            "Proposal {tieu_de} answered. {lien_ket}"),
        [(NotificationMoment.RecommendationDue, "vi")] = (new("Kiến nghị sau kiểm tra đến hạn {han}",
            "Kiến nghị của đoàn kiểm tra đối với {ten_xa} đến hạn {han} và chưa được báo cáo:\n\n{noi_dung}\n\nBáo cáo kết quả tại: {lien_ket}"),
            "Kien nghi sau kiem tra den han {han}. {lien_ket}"),
        [(NotificationMoment.RecommendationDue, "en")] = (new("Inspection recommendation due {han}",
            "A recommendation of the inspection of {ten_xa} is due on {han} and not yet reported:\n\n{noi_dung}\n\nReport on it: {lien_ket}"),
            "Inspection recommendation due {han}. {lien_ket}"),
    };

    /// <summary>The built-in text of a moment on a channel, in the language (Vietnamese when there is no English).</summary>
    public static TemplateText For(NotificationMoment moment, NotificationChannel channel, string language)
    {
        if (!Texts.TryGetValue((moment, language), out var t)) t = Texts[(moment, "vi")];
        return channel == NotificationChannel.Email ? t.Email : new TemplateText(null, t.Sms);
    }
}
