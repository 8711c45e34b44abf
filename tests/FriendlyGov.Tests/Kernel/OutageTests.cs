using FriendlyGov.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FriendlyGov.Tests.Domain;

/// <summary>
/// A database that cannot be reached (the failover drill of deploy/cluster.sh) answers 503 with Retry-After, which a client
/// with an Idempotency-Key sends again; a database that answers with a refusal, and any other failure, is not an outage.
/// </summary>
public class OutageTests
{
    [Fact]
    public void Npgsql_connection_failures_are_outages_however_deep_they_are_wrapped()
    {
        Assert.True(Problems.IsOutage(new NpgsqlException("No suitable host was found.")));
        Assert.True(Problems.IsOutage(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.True(Problems.IsOutage(new InvalidOperationException("transient", new NpgsqlException("Exception while reading from stream"))));
        Assert.True(Problems.IsOutage(new DbUpdateException("save", new NpgsqlException("broken connection"))));
        // The server going away (admin shutdown) is transient; a constraint it enforces is not.
        Assert.True(Problems.IsOutage(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        // The transaction the driver let go when its connection was lost, used again: the drill's one 500, now a 503.
        Assert.True(Problems.IsOutage(new FriendlyGov.Core.Data.ConnectionLostException(new InvalidOperationException("Transaction is already completed"))));
    }

    /// <summary>
    /// What a server says while it is lost or not yet the primary (the failover drill stops the primary with
    /// <c>pg_ctl -m immediate</c>): every one is a 503 to send again, never a 500.
    /// </summary>
    [Theory]
    [InlineData("57P01", "terminating connection due to immediate shutdown command")]
    [InlineData("57P02", "terminating connection because of crash of another server process")]
    [InlineData("57P03", "the database system is starting up")]
    [InlineData("08006", "connection failure")]
    [InlineData("08003", "connection does not exist")]
    [InlineData("25006", "cannot execute INSERT in a read-only transaction")]
    public void A_server_shutting_down_starting_or_not_yet_promoted_is_an_outage(string sqlState, string message)
    {
        Assert.True(Problems.IsOutage(new PostgresException(message, "FATAL", "FATAL", sqlState)));
        Assert.True(Problems.IsOutage(new DbUpdateException("save", new PostgresException(message, "ERROR", "ERROR", sqlState))));
    }

    [Fact]
    public void Refusals_and_bugs_are_not_outages()
    {
        Assert.False(Problems.IsOutage(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(Problems.IsOutage(new DbUpdateException("save", new PostgresException("check violation", "ERROR", "ERROR", "23514"))));
        Assert.False(Problems.IsOutage(new InvalidOperationException("a bug")));
        Assert.False(Problems.IsOutage(new NullReferenceException()));
        Assert.False(Problems.IsOutage(null));
    }
}
