namespace FriendlyGov.Core.Domain;

/// <summary>
/// Why a use case or an aggregate refused: the small set of business refusals every capability answers with, instead of
/// sentinel strings or hand-thrown framework exceptions. Mapped once to problem details (Problems.Of) and once to page
/// messages (PageOutcomes.Refuse). Messages are Vietnamese, the UI's first language.
/// </summary>
public abstract record Failure(string Message)
{
    /// <summary>The refusal as messages: a broken rule's beside its field, any other refusal as one form-level message (field "").</summary>
    public virtual IReadOnlyList<RuleViolation> Messages => [new RuleViolation("", Message)];

    /// <summary>Nothing with that key in the actor's reach (a record of another commune is not found, not forbidden).</summary>
    public sealed record NotFound(string Detail = "Không tìm thấy trong phạm vi của bạn.") : Failure(Detail)
    {
        public override IReadOnlyList<RuleViolation> Messages => [];
    }

    /// <summary>The record is not in a state for this (already rated, changed by someone else meanwhile, no new answer).</summary>
    public sealed record Conflict(string Detail) : Failure(Detail);

    /// <summary>The actor's role may not do this to a record it can see.</summary>
    public sealed record Forbidden(string Detail) : Failure(Detail);

    /// <summary>Too many tries from one client in a short time.</summary>
    public sealed record Throttled(string Detail) : Failure(Detail);

    /// <summary>Input that breaks a rule, each violation tied to its field.</summary>
    public sealed record Invalid(IReadOnlyList<RuleViolation> Violations)
        : Failure(Violations.Count > 0 ? Violations[0].Message : "Dữ liệu không hợp lệ.")
    {
        public override IReadOnlyList<RuleViolation> Messages => Violations;
    }

    public static Invalid Rule(string field, string message) => new([new RuleViolation(field, message)]);

    /// <summary>The version the form or client read is not the stored one: another official changed it first.</summary>
    public static Conflict Stale(string what) =>
        new($"{what} đã được người khác thay đổi, hãy tải lại trang và thử lại.");
}

/// <summary>
/// A refusal raised where a value cannot be returned (deep inside a transaction, a stale version checked before the write):
/// the exception handler and the page filter answer it as its <see cref="Failure"/>, never as a 500.
/// </summary>
public sealed class RefusedException(Failure failure) : Exception(failure.Message)
{
    public Failure Failure { get; } = failure;

    /// <summary>Refuses a change made from a stale read (the optimistic-concurrency check done before touching the row).</summary>
    public static void IfStale(int given, int stored, string what)
    {
        if (given != stored) throw new RefusedException(Domain.Failure.Stale(what));
    }
}
