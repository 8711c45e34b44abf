using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

public enum FollowUpStatus { Open = 1, InProgress = 2, Closed = 3 } // chưa xử lý · đang xử lý · đã xong

public static class FollowUpStatuses
{
    /// <summary>Still on the leader's desk: not yet handled, or being handled.</summary>
    public static bool IsOpen(FollowUpStatus s) => s is FollowUpStatus.Open or FollowUpStatus.InProgress;
}
