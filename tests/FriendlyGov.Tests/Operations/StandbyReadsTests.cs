using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// Which requests read on the standby (ConnectionStrings:Reads): the GETs of the dashboards marked for it, and nothing
/// else. deploy/cluster.sh checks the same on a real standby (the dashboards' connections are there, none on the primary).
/// </summary>
public sealed class StandbyReadsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string StandbyHost = "standby.reads.test";

    private StandbyReads Reads(string provider, string? reads) => new(app.Services, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = provider, ["ConnectionStrings:Reads"] = reads,
    }).Build());

    private static HttpContext Request(string method, bool marked)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, marked ? new EndpointMetadataCollection(new ReadsMayLagAttribute()) : EndpointMetadataCollection.Empty, "x"));
        return http;
    }

    [Fact]
    public void A_dashboards_get_reads_on_the_standby_and_writes_and_other_pages_never_do()
    {
        var reads = Reads("Postgres", $"Host={StandbyHost},primary.test;Database=fg;Target Session Attributes=prefer-standby");
        Assert.True(reads.Enabled);
        using (var db = reads.FactoryFor(Request("GET", marked: true))!.CreateDbContext())
            Assert.Contains(StandbyHost, db.Database.GetConnectionString());
        Assert.Null(reads.FactoryFor(Request("POST", marked: true)));  // a dashboard's action writes on the primary
        Assert.Null(reads.FactoryFor(Request("GET", marked: false)));  // every other page reads the primary
        Assert.Null(reads.FactoryFor(null));                           // jobs, commands
        // Not configured, or SQLite (one file, no standby): everything on the primary.
        Assert.Null(Reads("Postgres", null).FactoryFor(Request("GET", marked: true)));
        Assert.Null(Reads("Sqlite", "Data Source=other.db").FactoryFor(Request("GET", marked: true)));
    }

    [Fact]
    public void Only_the_supervisors_and_leaders_dashboards_are_marked()
    {
        var marked = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<ReadsMayLagAttribute>() is not null)
            .Select(e => e is RouteEndpoint r ? r.RoutePattern.RawText!.TrimStart('/') : e.DisplayName!)
            .Order().ToList();
        Assert.Equal(["api/v1/model/rollout", "api/v1/satisfaction/", "can-bo/hai-long", "can-bo/nhan-rong"], marked);
    }
}
