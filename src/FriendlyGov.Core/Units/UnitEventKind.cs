using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

public enum UnitEventKind
{
    Established = 1, // thành lập
    Renamed = 2,     // đổi tên
    Reparented = 3,  // chuyển đơn vị cấp trên
    MergedInto = 4,  // sáp nhập vào
    Ended = 5,       // chấm dứt hoạt động
}
