using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

public enum OnlineLevel
{
    None = 0,    // chỉ nộp trực tiếp / bưu chính
    Partial = 1, // dịch vụ công trực tuyến một phần
    Full = 2,    // dịch vụ công trực tuyến toàn trình
}
