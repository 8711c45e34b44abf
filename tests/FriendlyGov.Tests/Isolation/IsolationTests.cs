using System.Net;
using System.Net.Http.Json;
using FriendlyGov.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Tenant isolation, probed over HTTP with real sign-ins. Commune A = xã Chiềng Sinh (03298, Điện Biên),
/// commune B = xã Quang Lộc (16060, Thanh Hóa). A user of another commune gets 403/404 and none of the data;
/// a supervisor reads their subtree and changes nothing of a commune's.
/// </summary>
public abstract class IsolationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string AStaff = "Lò Thị Hoa";     // counter officer of Chiềng Sinh
    private const string BStaff = "Nguyễn Thị Lan"; // counter officer of Quang Lộc
    private const string ACommentary = "cán bộ đi họp"; // the demo's unhappy comment about Chiềng Sinh (follow-up #1)
    private const string AContact = "0912000111";     // the phone its writer left for the leader
    private const string APetition = "Hới Ná";          // Chiềng Sinh's demo landslide petitions
    private const string APetitionVillage = "Hới Ná";
    private const string BPetition = "thôn Trung";      // Quang Lộc's demo petition about lorries, still open
    private const string ABoardHead = "Lò Văn Hùng";     // head of Chiềng Sinh's demo board
    private const string AProposal = "Internet";          // Chiềng Sinh's demo proposal to the province
    private const string AInspection = "6 tháng sau ra mắt"; // the province's demo inspection of Chiềng Sinh
    private const string ADraftDisclosure = "hộ nghèo, cận nghèo"; // Chiềng Sinh's demo draft disclosure
    private const string AUnnamedHousehold = "Lường Văn Xôm"; // a Chiềng Sinh household that did not agree to be named
    private const string APhoneOfDonorBoard = "Hộ không nêu tên";  // a donor who asked not to be named
    private const string AHouseholdPhone = "0912 406 318"; // the phone of that household: for the commune's staff only
    private const string APractice = "tiếng Thái, tiếng Mông"; // Chiềng Sinh's published good practice
    private const string Denied = "denied";         // 403, or the cookie scheme's redirect to the access-denied page
    private const string Login = "login";           // 401 (API) or redirect to the login page
    private const string Refused = "refused";       // 400, 403 or 404: refused before any data is read or written

    public sealed record Probe(string User, string Method, string Path, string Expect, string? MustContain = null, string? MustNotContain = null)
    {
        public override string ToString() => $"{User} {Method} {Path} → {Expect}";
    }

    private static readonly object Profile = new { address = "Địa chỉ giả mạo", phone = "0912 345 678" };

    // The matrix reaches every protected route (the test below checks it). Where a probe names a dossier or petition by a code
    // of no record, it checks the route refuses; another commune's real records, with bodies that succeed for their own staff,
    // are probed in Isolation/CrossCommuneRecordTests.
    public static readonly Probe[] Matrix =
    [
        // Another commune's staff: nothing of A.
        new("quangloc.lanhdao", "GET", "/can-bo/nhan-su?unit=03298", "404", MustNotContain: AStaff),
        new("quangloc.lanhdao", "GET", "/can-bo/nhan-su", "200", BStaff, AStaff),
        // Notifications: the delivery log is the commune's; templates are the province's; only the leader sends again.
        new("quangloc.lanhdao", "GET", "/can-bo/thong-bao", "200", MustNotContain: "/can-bo/ho-so/000.30.12.H18"),
        new("quangloc.lanhdao", "GET", "/api/v1/notifications", "200", MustNotContain: "\"commune\":\"03298\""),
        new("quangloc.lanhdao", "POST", $"/api/v1/notifications/{Guid.NewGuid()}/retry", "404"),
        new("chiengsinh.tiepnhan", "POST", $"/api/v1/notifications/{Guid.NewGuid()}/retry", Denied),
        new("chiengsinh.lanhdao", "GET", "/can-bo/thong-bao/mau", Denied),
        new("giamsat.dienbien", "GET", "/can-bo/thong-bao/mau", "200", "Mẫu thông báo"),
        new("", "GET", "/can-bo/thong-bao", Login),
        new("", "GET", "/api/v1/notifications", Login),
        new("quangloc.tiepnhan", "GET", "/can-bo/thong-tin-xa", "200", "Quang Lộc", "Chiềng Sinh"),
        new("quangloc.tiepnhan", "GET", "/can-bo", "200", "Quang Lộc", AStaff),
        new("quangloc.lanhdao", "GET", "/api/v1/staff?unit=03298", "404", MustNotContain: AStaff),
        new("quangloc.lanhdao", "GET", "/api/v1/staff", "200", BStaff, AStaff),
        new("quangloc.lanhdao", "GET", "/nhat-ky", "200", BStaff, AStaff),
        new("quangloc.lanhdao", "GET", "/nhat-ky?Unit=03298", "200", MustNotContain: AStaff),
        new("quangloc.lanhdao", "GET", "/api/v1/audit?unit=03298", "200", "\"total\":0", AStaff),
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/profile", "404"),
        new("quangloc.lanhdao", "GET", "/api/v1/me", "200", "16060", "03298"),
        new("quangloc.lanhdao", "GET", "/api/v1/audit/verify", Denied),
        new("quangloc.lanhdao", "GET", "/api/v1/audit/checkpoints", "200", MustNotContain: "\"unitCode\":\"03298\""),
        new("quangloc.lanhdao", "POST", "/api/v1/audit/checkpoints", Denied),
        new("quangloc.lanhdao", "POST", "/api/v1/audit/fingerprint", Denied),
        new("", "GET", "/api/v1/audit/checkpoints", Login),
        new("quangloc.lanhdao", "POST", "/api/v1/units/merge", Denied),
        new("quangloc.lanhdao", "POST", "/api/v1/units/", Denied),
        new("quangloc.lanhdao", "POST", "/api/v1/units/03298/reparent", Denied),
        new("quangloc.lanhdao", "POST", "/api/v1/units/03298/rename", Denied),
        new("quangloc.lanhdao", "POST", "/api/v1/units/03298/end", Denied),
        new("quangloc.lanhdao", "GET", "/quan-tri/don-vi", Denied),
        new("quangloc.lanhdao", "GET", "/quan-tri/don-vi/03298", Denied),
        new("quangloc.lanhdao", "GET", "/quan-tri/don-vi/sap-nhap", Denied),
        new("quangloc.lanhdao", "GET", "/quan-tri/don-vi/them", Denied),
        new("quangloc.lanhdao", "GET", "/quan-tri/lich-nghi", Denied),
        new("quangloc.lanhdao", "GET", "/quan-tri/dang-nhap", Denied),
        new("giamsat.dienbien", "POST", "/quan-tri/dang-nhap?handler=Lift", Denied),
        new("", "GET", "/quan-tri/dang-nhap", Login),
        new("quangloc.tiepnhan", "GET", "/can-bo/gio-lam-viec", "200", "Giờ làm việc"),
        new("quangloc.tiepnhan", "GET", "/can-bo/thu-tuc", "200", "Quang Lộc", "Chiềng Sinh"),
        new("quangloc.tiepnhan", "GET", "/can-bo/ho-so", "200", "Tiếp nhận hồ sơ"),
        new("quangloc.tiepnhan", "GET", "/can-bo/ho-so/tiep-nhan", "200", "Đăng ký khai sinh"),
        new("quangloc.tiepnhan", "GET", "/can-bo/ho-so/03298/phieu", "404"),
        new("quangloc.tiepnhan", "POST", "/api/v1/communes/03298/dossiers", Refused),
        new("quangloc.tiepnhan", "GET", "/api/v1/dossiers/03298", "404"),
        new("quangloc.tiepnhan", "GET", "/api/v1/dossiers/03298/steps", "404"),
        new("quangloc.tiepnhan", "POST", "/api/v1/dossiers/03298/actions", Refused),
        new("quangloc.tiepnhan", "POST", "/api/v1/dossiers/03298/apology", Refused),
        new("quangloc.tiepnhan", "POST", "/api/v1/dossiers/03298/apology/approve", Refused),
        new("quangloc.tiepnhan", "POST", "/api/v1/dossiers/03298/assignee", Refused),
        new("giamsat.dienbien", "GET", "/api/v1/me/queue", Denied),
        new("quangloc.tiepnhan", "GET", "/can-bo/ho-so/03298", "404"),
        new("quangloc.tiepnhan", "GET", "/can-bo/ho-so/03298/kiem-soat", "404"),
        new("quangloc.tiepnhan", "GET", "/can-bo/so-theo-doi", "200", "Sổ theo dõi hồ sơ", "Chiềng Sinh"),
        new("giamsat.dienbien", "GET", "/can-bo/so-theo-doi", Denied),
        new("giamsat.dienbien", "POST", "/api/v1/communes/03298/dossiers", Denied),
        new("giamsat.dienbien", "GET", "/can-bo/ho-so", Denied),
        new("", "GET", "/can-bo/ho-so/tiep-nhan", Login),
        new("giamsat.dienbien", "GET", "/can-bo/thu-tuc", "200", "tỉnh Điện Biên", "Chiềng Sinh"),
        new("giamsat.tuangiao", "GET", "/can-bo/thu-tuc", "200", "Xuất Excel", "Nhập từ Excel"),
        new("", "GET", "/can-bo/thu-tuc", Login),
        new("giamsat.dienbien", "GET", "/can-bo/gio-lam-viec", Denied),
        new("0987654321", "GET", "/can-bo/gio-lam-viec", Denied),
        new("", "GET", "/quan-tri/lich-nghi", Login),
        // A supervisor reads the subtree, not beyond it, and changes nothing of a commune's.
        new("giamsat.dienbien", "GET", "/can-bo/nhan-su?unit=03298", "200", AStaff),
        new("giamsat.dienbien", "GET", "/can-bo/nhan-su?unit=16060", "404", MustNotContain: BStaff),
        new("giamsat.dienbien", "GET", "/api/v1/staff", "200", AStaff, BStaff),
        new("giamsat.dienbien", "GET", "/nhat-ky", "200", AStaff, BStaff),
        new("giamsat.dienbien", "GET", "/can-bo", "200", "Chiềng Sinh", "Quang Lộc"),
        new("giamsat.dienbien", "PUT", "/api/v1/communes/03298/profile", Denied),
        new("giamsat.dienbien", "PUT", "/api/v1/communes/16060/profile", "404"),
        new("giamsat.dienbien", "GET", "/can-bo/thong-tin-xa", Denied),
        new("giamsat.tuangiao", "GET", "/can-bo/nhan-su?unit=03298", "200", AStaff),
        new("giamsat.tuangiao", "GET", "/can-bo/nhan-su?unit=16060", "404", MustNotContain: BStaff),
        // Inside one commune, roles still matter.
        new("chiengsinh.tiepnhan", "PUT", "/api/v1/communes/03298/profile", Denied),
        new("chiengsinh.tiepnhan", "GET", "/can-bo/nhan-su", Denied),
        new("chiengsinh.tiepnhan", "GET", "/nhat-ky", Denied),
        new("chiengsinh.lanhdao", "GET", "/api/v1/staff", "200", AStaff, BStaff),
        new("chiengsinh.lanhdao", "GET", "/nhat-ky", "200", AStaff, BStaff),
        // Citizens and visitors reach no staff area.
        new("0987654321", "GET", "/can-bo", Denied),
        new("0987654321", "GET", "/api/v1/staff", Denied),
        new("0987654321", "GET", "/nhat-ky", Denied),
        new("", "GET", "/can-bo", Login),
        new("", "GET", "/can-bo/nhan-su", Login),
        new("", "GET", "/can-bo/thong-tin-xa", Login),
        new("", "GET", "/nhat-ky", Login),
        new("", "GET", "/tai-khoan/doi-mat-khau", Login),
        new("", "GET", "/tai-khoan/ho-so", Login),
        new("chiengsinh.tiepnhan", "GET", "/tai-khoan/ho-so", Denied),
        new("", "GET", "/api/v1/staff", Login),
        new("", "GET", "/api/v1/me", Login),
        new("", "GET", "/api/v1/audit", Login),
        new("", "PUT", "/api/v1/communes/03298/profile", Login),
        new("", "POST", "/api/v1/units/merge", Login),
        // Satisfaction: ratings, comments and follow-ups stay in their commune; contacts only for the commune's leader.
        new("quangloc.lanhdao", "GET", "/api/v1/satisfaction?unit=03298", "404", MustNotContain: ACommentary),
        new("quangloc.lanhdao", "GET", "/api/v1/satisfaction", "200", "Quang Lộc", ACommentary),
        new("quangloc.lanhdao", "GET", "/api/v1/satisfaction/ratings?unit=03298", "404", MustNotContain: ACommentary),
        new("quangloc.lanhdao", "GET", "/api/v1/satisfaction/ratings", "200", MustNotContain: ACommentary),
        new("quangloc.lanhdao", "GET", "/api/v1/satisfaction/follow-ups", "200", MustNotContain: ACommentary),
        new("quangloc.lanhdao", "POST", "/api/v1/satisfaction/follow-ups/1", Refused),
        new("quangloc.lanhdao", "GET", "/can-bo/hai-long?don-vi=03298", "404", MustNotContain: ACommentary),
        new("quangloc.lanhdao", "GET", "/can-bo/hai-long", "200", "Quang Lộc", "Lò Thị Hoa"),
        new("quangloc.lanhdao", "GET", "/can-bo/hai-long/y-kien?don-vi=03298", "404", MustNotContain: ACommentary),
        new("quangloc.lanhdao", "GET", "/can-bo/hai-long/phan-hoi", "200", MustNotContain: ACommentary),
        new("quangloc.lanhdao", "GET", "/can-bo/hai-long/phan-hoi/1", "404", MustNotContain: ACommentary),
        new("chiengsinh.lanhdao", "GET", "/can-bo/hai-long/phan-hoi/1", "200", AContact),
        new("chiengsinh.lanhdao", "GET", "/api/v1/satisfaction/ratings", "200", AContact),
        new("chiengsinh.tiepnhan", "GET", "/api/v1/satisfaction/ratings", "200", ACommentary, AContact),
        new("chiengsinh.chuyenvien", "GET", "/can-bo/hai-long/y-kien", "200", MustNotContain: ACommentary),
        new("chiengsinh.tiepnhan", "GET", "/can-bo/hai-long/phan-hoi", Denied),
        new("chiengsinh.tiepnhan", "GET", "/api/v1/satisfaction/follow-ups", Denied),
        new("giamsat.dienbien", "GET", "/api/v1/satisfaction/follow-ups", Denied),
        new("giamsat.dienbien", "GET", "/api/v1/satisfaction?unit=16060", "404"),
        new("giamsat.dienbien", "GET", "/can-bo/hai-long", "200", "Chiềng Sinh", "Quang Lộc"),
        new("giamsat.dienbien", "GET", "/api/v1/satisfaction/ratings?unit=11", "200", ACommentary, AContact),
        new("giamsat.dienbien", "GET", "/can-bo/kiosk", Denied),
        new("0987654321", "GET", "/can-bo/hai-long", Denied),
        new("", "GET", "/api/v1/satisfaction", Login),
        new("", "GET", "/can-bo/hai-long", Login),
        new("", "GET", "/can-bo/kiosk", Login),
        new("", "GET", "/kiosk", Login),
        new("chiengsinh.tiepnhan", "GET", "/kiosk", Login), // an officer's sign-in does not open the kiosk: only a kiosk cookie does
        new("chiengsinh.tiepnhan", "POST", "/kiosk/gui", Login),
        // Petitions: another commune's are not found; a supervisor reads its subtree only; contacts stay with the handling unit.
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/petition-categories", Refused),
        new("quangloc.tiepnhan", "POST", "/api/v1/communes/03298/petitions", "404"),
        new("quangloc.lanhdao", "GET", "/api/v1/petitions", "200", BPetition, APetition),
        new("quangloc.lanhdao", "GET", "/api/v1/petitions/PA-03298-000000-001", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/petitions/PA-03298-000000-001/actions", Refused),
        new("quangloc.lanhdao", "POST", "/api/v1/petitions/PA-03298-000000-001/link", Refused),
        new("quangloc.lanhdao", "GET", "/api/v1/petitions/stats?unit=03298", "404", MustNotContain: APetitionVillage),
        new("quangloc.lanhdao", "GET", "/api/v1/petitions/stats", "200", "Quang Lộc", APetitionVillage),
        new("chiengsinh.tiepnhan", "GET", "/api/v1/petitions/stats", Denied),
        new("", "GET", "/api/v1/petitions", Login),
        new("quangloc.tiepnhan", "GET", "/can-bo/phan-anh", "200", BPetition, APetition),
        new("quangloc.tiepnhan", "GET", "/can-bo/phan-anh/moi", "200", "Đông", APetitionVillage),
        new("quangloc.lanhdao", "GET", "/can-bo/phan-anh/PA-03298-000000-001", "404"),
        new("quangloc.lanhdao", "GET", "/can-bo/phan-anh/tong-hop?Unit=03298", "404", MustNotContain: APetitionVillage),
        new("quangloc.lanhdao", "GET", "/can-bo/phan-anh/tong-hop", "200", "Quang Lộc", APetitionVillage),
        new("quangloc.tiepnhan", "GET", "/can-bo/phan-anh/linh-vuc", Denied),
        new("giamsat.thanhhoa", "GET", "/can-bo/phan-anh", "200", BPetition, APetition),
        new("giamsat.dienbien", "GET", "/api/v1/petitions", "200", APetition, BPetition),
        new("giamsat.dienbien", "GET", "/can-bo/phan-anh/tong-hop", "200", APetitionVillage, BPetition),
        new("", "GET", "/can-bo/phan-anh", Login),
        new("0987654321", "GET", "/can-bo/phan-anh", Denied),
        // The model: a commune cannot see or touch another's board, plan or proposals; a supervisor reads only their subtree.
        new("quangloc.lanhdao", "GET", "/api/v1/communes/03298/model", "404", MustNotContain: ABoardHead),
        new("quangloc.lanhdao", "GET", "/api/v1/communes/16060/model", "200", "Đỗ Văn Hải", ABoardHead),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/model", "404"),
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/model", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/model/board", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/model/board/1/end", "404"),
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/model/tasks/1", "404"),
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/model/readiness/1", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/model/proposals", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/model/commitment", "404"),
        new("quangloc.tiepnhan", "POST", "/api/v1/communes/03298/model/commitment/sign", "404"),
        new("giamsat.thanhhoa", "GET", "/api/v1/communes/03298/model", "404", MustNotContain: ABoardHead),
        new("giamsat.dienbien", "GET", "/api/v1/communes/03298/model", "200", ABoardHead, "Đỗ Văn Hải"),
        new("quangloc.lanhdao", "GET", "/api/v1/model/rollout?unit=03298", "404"),
        new("quangloc.lanhdao", "GET", "/api/v1/model/rollout", "200", "Quang Lộc", "Chiềng Sinh"),
        new("giamsat.thanhhoa", "GET", "/api/v1/model/rollout", "200", "Quang Lộc", "Chiềng Sinh"),
        new("giamsat.thanhhoa", "GET", "/api/v1/model/proposals", "200", MustNotContain: AProposal),
        new("giamsat.dienbien", "GET", "/api/v1/model/proposals", "200", AProposal),
        new("giamsat.thanhhoa", "POST", "/api/v1/model/proposals/1/answer", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/model/replicate", "422"),
        new("chiengsinh.tiepnhan", "GET", "/api/v1/model/rollout", Denied),
        new("", "GET", "/api/v1/model/rollout", Login),
        new("quangloc.lanhdao", "GET", "/can-bo/mo-hinh?xa=03298", "404", MustNotContain: ABoardHead),
        new("quangloc.lanhdao", "GET", "/can-bo/mo-hinh", "200", "Đỗ Văn Hải", ABoardHead),
        new("giamsat.dienbien", "GET", "/can-bo/mo-hinh?xa=03298", "200", ABoardHead, "Đỗ Văn Hải"),
        new("giamsat.thanhhoa", "GET", "/can-bo/nhan-rong", "200", "Quang Lộc", AProposal),
        new("giamsat.dienbien", "GET", "/can-bo/nhan-rong", "200", AProposal, "Quang Lộc"),
        new("chiengsinh.tiepnhan", "GET", "/can-bo/nhan-rong", Denied),
        new("0987654321", "GET", "/can-bo/mo-hinh", Denied),
        // Training, files, inspections and good practices.
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/model/events", "404"),
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/model/events/1", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/model/files", "404"),
        new("quangloc.lanhdao", "DELETE", "/api/v1/communes/03298/model/files/1", "404"),
        new("quangloc.lanhdao", "GET", "/can-bo/mo-hinh/tep/1", "404"),
        new("", "GET", "/can-bo/mo-hinh/tep/1", Login),
        new("quangloc.lanhdao", "GET", "/api/v1/communes/03298/inspections", "404", MustNotContain: AInspection),
        new("chiengsinh.tiepnhan", "GET", "/api/v1/communes/03298/inspections", "200", AInspection),
        new("giamsat.thanhhoa", "GET", "/api/v1/inspections", "200", MustNotContain: AInspection),
        new("giamsat.dienbien", "GET", "/api/v1/inspections", "200", AInspection),
        new("quangloc.lanhdao", "GET", "/api/v1/inspections", "200", MustNotContain: AInspection),
        new("giamsat.thanhhoa", "POST", "/api/v1/communes/03298/inspections", "404"),
        new("giamsat.thanhhoa", "PUT", "/api/v1/inspections/1", "404"),
        new("giamsat.thanhhoa", "POST", "/api/v1/inspections/1/recommendations", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/recommendations/2/report", "404"),
        new("giamsat.thanhhoa", "POST", "/api/v1/recommendations/2/review", "404"),
        new("giamsat.thanhhoa", "GET", "/can-bo/mo-hinh?xa=03298", "404", MustNotContain: AInspection),
        new("giamsat.dienbien", "GET", "/can-bo/mo-hinh?xa=03298", "200", AInspection),
        new("quangloc.lanhdao", "GET", "/api/v1/communes/03298/good-practices", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/good-practices", "404"),
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/good-practices/2", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/good-practices/adopt/1", "404"),
        new("quangloc.tiepnhan", "GET", "/can-bo/cach-lam-hay", "200", APractice),
        new("", "GET", "/can-bo/cach-lam-hay", Login),
        new("0987654321", "GET", "/can-bo/cach-lam-hay", Denied),
        // The notice board: drafts stay inside the commune; only its staff write.
        new("quangloc.lanhdao", "GET", "/api/v1/communes/03298/disclosures/drafts", "404", MustNotContain: ADraftDisclosure),
        new("chiengsinh.tiepnhan", "GET", "/api/v1/communes/03298/disclosures/drafts", "200", ADraftDisclosure),
        new("", "GET", "/api/v1/communes/03298/disclosures?history=true", "200", "Dự toán thu, chi", ADraftDisclosure),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/disclosures", "404"),
        new("quangloc.lanhdao", "PUT", "/api/v1/communes/03298/disclosures/1", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/disclosures/1/post", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/disclosures/2/take-down", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/disclosures/3/archive", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/disclosures/2/correct", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/disclosures/4/files", "404"),
        new("giamsat.dienbien", "POST", "/api/v1/communes/03298/disclosures", Denied),
        new("quangloc.lanhdao", "GET", "/can-bo/cong-khai", "200", "Quang Lộc", ADraftDisclosure),
        new("", "GET", "/can-bo/cong-khai", Login),
        new("giamsat.dienbien", "GET", "/can-bo/cong-khai", Denied),
        new("", "GET", "/api/v1/disclosures/4", "404", MustNotContain: ADraftDisclosure),
        // Democracy: the public sees counts and the names households agreed to; staff of the commune and supervisors see the rest.
        new("", "GET", "/api/v1/clearance/1", "200", "Lò Văn Pánh", AUnnamedHousehold),
        new("", "GET", "/api/v1/communes/03298/clearance", "200", "Hới Ná", AUnnamedHousehold),
        new("", "GET", "/api/v1/communes/03298/land-donations", "200", "Lò Văn Pánh", APhoneOfDonorBoard),
        new("", "GET", "/xa/03298/gop-y", "200", "Lò Văn Pánh", AUnnamedHousehold),
        new("", "GET", "/api/v1/clearance/1/households", Login),
        new("quangloc.lanhdao", "GET", "/api/v1/clearance/1/households", "404", MustNotContain: AUnnamedHousehold),
        new("giamsat.thanhhoa", "GET", "/api/v1/clearance/1/households", "404", MustNotContain: AUnnamedHousehold),
        new("giamsat.dienbien", "GET", "/api/v1/clearance/1/households", "200", AUnnamedHousehold, MustNotContain: AHouseholdPhone),
        new("chiengsinh.tiepnhan", "GET", "/api/v1/clearance/1/households", "200", AHouseholdPhone),
        // The overview of consensus: a commune leader their commune, a supervisor their area; phones stay with the commune.
        new("", "GET", "/can-bo/giai-phong-mat-bang", Login),
        new("chiengsinh.tiepnhan", "GET", "/can-bo/giai-phong-mat-bang", Denied),
        new("quangloc.lanhdao", "GET", "/can-bo/giai-phong-mat-bang", "200", MustNotContain: "Hới Ná"),
        new("quangloc.lanhdao", "GET", "/can-bo/giai-phong-mat-bang?du-an=1", "404", MustNotContain: AUnnamedHousehold),
        new("giamsat.thanhhoa", "GET", "/can-bo/giai-phong-mat-bang?du-an=1", "404", MustNotContain: AUnnamedHousehold),
        new("giamsat.thanhhoa", "GET", "/api/v1/clearance", "200", MustNotContain: "Hới Ná"),
        new("giamsat.dienbien", "GET", "/api/v1/clearance", "200", "Hới Ná"),
        new("giamsat.dienbien", "GET", "/can-bo/giai-phong-mat-bang?du-an=1", "200", AUnnamedHousehold, MustNotContain: AHouseholdPhone),
        new("chiengsinh.lanhdao", "GET", "/can-bo/giai-phong-mat-bang?du-an=1", "200", AHouseholdPhone),
        new("chiengsinh.lanhdao", "GET", "/can-bo/giai-phong-mat-bang?handler=Export", "200"),
        new("", "GET", "/api/v1/clearance", Login),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/consultations", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/consultation-comments/1/hide", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/consultation-comments/1/reply", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/consultations/2/responses", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/consultations/2/summary", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/consultations/1/votes", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/clearance", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/clearance/1/meetings", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/clearance/1/households", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/households/1/status", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/households/4/visits", "404"),
        new("quangloc.lanhdao", "POST", "/api/v1/communes/03298/land-donations", "404"),
        new("giamsat.dienbien", "POST", "/api/v1/communes/03298/land-donations", Denied),
        new("quangloc.lanhdao", "GET", "/can-bo/dan-chu?du-an=1", "200", MustNotContain: AUnnamedHousehold),
        new("chiengsinh.lanhdao", "GET", "/can-bo/dan-chu?du-an=1", "200", AUnnamedHousehold),
        new("", "GET", "/can-bo/dan-chu", Login),
        new("giamsat.dienbien", "GET", "/can-bo/dan-chu", Denied),
    ];

    public static TheoryData<Probe> Probes() => [.. Matrix];

    private readonly Dictionary<string, HttpClient> _clients = [];

    private async Task<HttpClient> ClientAsync(string user)
    {
        if (!_clients.TryGetValue(user, out var c))
            _clients[user] = c = user == "" ? app.Anonymous() : await app.LoginAsync(user);
        return c;
    }

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Probe_gets_only_what_the_role_and_unit_allow(Probe probe)
    {
        var client = await ClientAsync(probe.User);
        var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.Method is "PUT" or "POST") request.Content = JsonContent.Create(Profile);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location?.ToString() ?? "";

        switch (probe.Expect)
        {
            case Denied:
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                    || response.StatusCode == HttpStatusCode.Redirect && location.Contains("/khong-co-quyen"), $"{probe}: got {(int)response.StatusCode} {location} {body[..Math.Min(body.Length, 400)]}");
                break;
            case Login:
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized
                    || response.StatusCode == HttpStatusCode.Redirect && location.Contains("/dang-nhap"), $"{probe}: got {(int)response.StatusCode} {location} {body[..Math.Min(body.Length, 400)]}");
                break;
            case Refused:
                Assert.True((int)response.StatusCode is 400 or 403 or 404, $"{probe}: got {(int)response.StatusCode}");
                break;
            default:
                Assert.Equal(int.Parse(probe.Expect), (int)response.StatusCode);
                break;
        }
        if (probe.MustContain is not null) Assert.Contains(probe.MustContain, body);
        if (probe.MustNotContain is not null) Assert.DoesNotContain(probe.MustNotContain, body);
    }

    [Fact]
    public async Task Nothing_of_another_commune_changes_when_its_neighbour_or_supervisor_tries()
    {
        var b = await ClientAsync("quangloc.lanhdao");
        var sup = await ClientAsync("giamsat.dienbien");
        await b.PutAsJsonAsync("/api/v1/communes/03298/profile", Profile);
        await sup.PutAsJsonAsync("/api/v1/communes/03298/profile", Profile);
        // Lock attempts on A's officer through the staff page, by B's leader and by A's supervisor.
        foreach (var c in new[] { b, sup })
            await c.PostAsync("/can-bo/nhan-su?handler=Lock", await AppFixture.FormAsync(c, "/can-bo/nhan-su",
                new() { ["userName"] = "chiengsinh.tiepnhan", ["locked"] = "true" }));
        // B's leader tries to create an account inside A.
        var create = await b.PostAsync("/can-bo/nhan-su?handler=Create", await AppFixture.FormAsync(b, "/can-bo/nhan-su", new()
        {
            ["Input.FullName"] = "Kẻ Xâm Nhập", ["Input.UserName"] = "xam.nhap", ["Input.Role"] = Roles.CounterOfficer,
            ["Input.UnitCode"] = "03298", ["Input.Password"] = "Xam.Nhap2025!",
        }));
        Assert.Contains("Bạn không quản lý đơn vị này.", await create.Content.ReadAsStringAsync());

        await using var db = app.OpenDb();
        var aId = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        var profile = await db.CommuneProfiles.SingleAsync(p => p.UnitId == aId);
        Assert.DoesNotContain("giả mạo", profile.Address);
        var officer = await db.Users.SingleAsync(u => u.UserName == "chiengsinh.tiepnhan");
        Assert.Null(officer.LockoutEnd);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "xam.nhap"));
    }

    [Fact]
    public async Task The_query_filter_itself_hides_other_communes_rows()
    {
        await using var db = app.OpenDb();
        var a = await db.Units.SingleAsync(u => u.Code == "03298");
        var b = await db.Units.SingleAsync(u => u.Code == "16060");
        await using var asA = app.OpenDb(new FixedScope([a.Id]));
        Assert.All(await asA.CommuneProfiles.ToListAsync(), p => Assert.Equal(a.Id, p.UnitId));
        Assert.All(await asA.AuditEntries.ToListAsync(), e => Assert.Equal(a.Id, e.UnitId));
        Assert.NotEmpty(await asA.AuditEntries.ToListAsync());
        // Writing a row of B from A's scope is refused by the save guard, and nothing is written.
        var bProfile = await asA.CommuneProfiles.IgnoreQueryFilters().SingleAsync(p => p.UnitId == b.Id);
        bProfile.Address = "đổi trộm";
        await Assert.ThrowsAsync<UnitAccessDeniedException>(() => asA.SaveChangesAsync());
        await using var check = app.OpenDb();
        Assert.NotEqual("đổi trộm", (await check.CommuneProfiles.SingleAsync(p => p.UnitId == b.Id)).Address);
    }

    /// <summary>What anyone may call: "METHOD route", * for pages (all methods).</summary>
    public static readonly string[] PublicRoutes =
    [
        "* ", "* xa/{code}", "* dang-nhap", "* dang-xuat", "* dang-ky", "* khong-co-quyen", "* loi/{code:int?}", "POST ngon-ngu",
        "* health", "GET openapi/{documentName}.json", "GET api/v1/units", "GET api/v1/units/{code}", "GET api/v1/communes/{code}/profile",
        "GET api/v1/calendar/due-date", "GET api/v1/calendar/{year:int}",
        "* xa/{code}/thu-tuc", "* xa/{code}/thu-tuc/{procedure}", "* xa/{code}/thu-tuc/{procedure}/niem-yet",
        "GET api/v1/communes/{code}/procedures", "GET api/v1/communes/{code}/procedures/{procedure}",
        "* tra-cuu", "* tra-cuu/{key}", "* xa/{code}/thu-tuc/{procedure}/nop-truc-tuyen", "GET api/v1/tracking/{key}", "GET api/v1/tracking",
        "* danh-gia/{key}", "* xa/{code}/danh-gia", "POST api/v1/tracking/{key}/rating",
        "* xa/{code}/phan-anh", "* xa/{code}/phan-anh-kien-nghi", "* phan-anh/{key}", "GET phan-anh/anh/{id:long}",
        "GET api/v1/communes/{code}/petition-categories", "GET api/v1/petition-tracking/{key}", "POST api/v1/petition-tracking/{key}/info",
        "POST api/v1/petition-tracking/{key}/confirm",
        "GET open311/v2/discovery.{format}", "GET open311/v2/services.{format}", "GET open311/v2/services/{code}.{format}",
        "POST open311/v2/requests.{format}", "GET open311/v2/requests.{format}", "GET open311/v2/requests/{id}.{format}",
        "GET open311/v2/tokens/{token}.{format}",
        "GET api/v1/good-practices", "* cach-lam-hay",
        "GET api/v1/communes/{code}/disclosures", "GET api/v1/disclosures/{id:int}", "GET cong-khai/tep/{id:long}",
        "* xa/{code}/cong-khai", "* xa/{code}/cong-khai/{id:int}", "* xa/{code}/cong-khai/{id:int}/niem-yet",
        "GET api/v1/communes/{code}/consultations", "GET api/v1/consultations/{id:int}", "POST api/v1/consultations/{id:int}/comments",
        "GET api/v1/communes/{code}/clearance", "GET api/v1/clearance/{id:int}", "GET api/v1/communes/{code}/land-donations",
        "* xa/{code}/gop-y", "* xa/{code}/gop-y/{id:int}",
        "* health/live", "* health/ready", "* thong-bao/tu-choi", "* thong-bao/xac-nhan", "* xa/{code}/nhan-tin",
        "GET api/v1/notifications/callbacks/esms", "POST api/v1/notifications/callbacks/zalo",
    ];

    [Fact]
    public void Every_endpoint_outside_the_public_list_requires_authorization_and_is_probed_by_the_matrix()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (Key: $"{m} {(e.RoutePattern.RawText ?? "").Trim('/')}", e.Metadata)))
            .Where(e => !e.Key.EndsWith("Index") && !e.Key.Contains(" Shared/"))
            .ToList();
        Assert.True(endpoints.Count > 20, "the endpoint list looks incomplete");
        var probed = Matrix.Select(p => $"{p.Method} {p.Path.Split('?')[0].Trim('/')}").ToHashSet();
        foreach (var (key, metadata) in endpoints)
        {
            var authorized = metadata.GetOrderedMetadata<IAuthorizeData>().Any() && !metadata.GetOrderedMetadata<IAllowAnonymous>().Any();
            if (PublicRoutes.Contains(key))
            {
                Assert.False(authorized, $"{key} is listed public but requires authorization");
                continue;
            }
            Assert.True(authorized, $"{key} is neither public nor protected by authorization");
            // A route template matches probes by segment: literals exactly, a constrained parameter only with values its
            // regex accepts ({paper:regex(^(kiem-soat|xin-loi)$)}), any other parameter with any one segment.
            var method = key[..key.IndexOf(' ')];
            var pattern = "^" + string.Join("/", key[(key.IndexOf(' ') + 1)..].Split('/').Select(seg =>
                !seg.StartsWith('{') ? System.Text.RegularExpressions.Regex.Escape(seg)
                : seg.Contains(":regex(") ? "(?:" + seg[(seg.IndexOf(":regex(") + 7)..seg.LastIndexOf(')')].Trim('^', '$') + ")"
                : "[^/]+")) + "$";
            Assert.True(probed.Any(p => (method == "*" || p.StartsWith(method + " ")) && System.Text.RegularExpressions.Regex.IsMatch(p[(p.IndexOf(' ') + 1)..], pattern)),
                $"{key} is not probed by the isolation matrix");
        }
    }
}

public sealed class IsolationTestsSqlite(SqliteApp app) : IsolationTests<SqliteApp>(app);
public sealed class IsolationTestsPostgres(PostgresApp app) : IsolationTests<PostgresApp>(app);
