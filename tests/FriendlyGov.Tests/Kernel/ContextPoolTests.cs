using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>The pooled context fails closed: taken from the pool without a request's scope it reaches no commune's rows.</summary>
public sealed class ContextPoolTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_context_from_the_pool_without_a_lease_reads_and_writes_nothing_of_any_commune()
    {
        await using (var sys = app.OpenDb())
            Assert.True(await sys.Dossiers.AnyAsync() || await sys.Procedures.AnyAsync()); // there is something to leak
        // Use and return a few leased contexts first, as requests do, so the pool holds used instances.
        for (var i = 0; i < 3; i++) (await (await app.LoginAsync("chiengsinh.lanhdao")).GetAsync("/can-bo")).EnsureSuccessStatusCode();

        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(0, await db.Procedures.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        var unit = await db.Units.Where(u => u.Code == "03298").Select(u => u.Id).SingleAsync();
        db.Procedures.Add(new Procedure { UnitId = unit, Code = "x", Name = "Thủ tục giả", Field = "x" });
        await Assert.ThrowsAsync<UnitAccessDeniedException>(() => db.SaveChangesAsync());
    }
}
