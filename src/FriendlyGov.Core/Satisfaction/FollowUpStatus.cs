using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

public enum FollowUpStatus { Open = 1, InProgress = 2, Closed = 3 } // chưa xử lý · đang xử lý · đã xong
