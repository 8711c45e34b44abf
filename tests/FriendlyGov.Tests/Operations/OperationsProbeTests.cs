using System.Diagnostics.Metrics;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using FriendlyGov.Web.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FriendlyGov.Tests.Integration;

/// <summary>
/// The gauges the operator alerts on (docs/operations.md) read the database as it is, on both databases: the outbox's
/// backlog counts every waiting message, and its age is the oldest one's.
/// </summary>
public abstract class OperationsProbeTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    /// <summary>This app's own gauges (other apps in the test process have theirs under the same names).</summary>
    private Dictionary<string, double> Gauges()
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Scope == factory && instrument.Meter.Name == Telemetry.MeterName) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => values[i.Name] = v);
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => values[i.Name] = v);
        listener.SetMeasurementEventCallback<int>((i, v, _, _) => values[i.Name] = v);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    [Fact]
    public async Task The_outbox_gauges_count_the_waiting_messages_and_age_the_oldest()
    {
        var probe = app.Services.GetRequiredService<OperationsProbe>();
        await probe.ProbeAsync(CancellationToken.None);
        var before = Gauges()["friendlygov.outbox.pending"];
        await using (var db = app.OpenDb())
        {
            var unit = db.Units.First().Id;
            var now = DateTime.UtcNow;
            // Not due for hours, so the dispatcher leaves them waiting.
            foreach (var minutes in new[] { 10, 1 })
                db.Notifications.Add(new Notification
                {
                    Id = Guid.NewGuid(), UnitId = unit, EventKey = "probe-test:" + Guid.NewGuid(), Recipient = "probe@example.test",
                    Channel = NotificationChannel.Email, Status = NotificationStatus.Pending,
                    CreatedAt = now.AddMinutes(-minutes), NextAttemptAt = now.AddHours(6),
                });
            await db.SaveChangesAsync();
        }
        await probe.ProbeAsync(CancellationToken.None);
        var after = Gauges();
        Assert.Equal(before + 2, after["friendlygov.outbox.pending"]);
        Assert.InRange(after["friendlygov.outbox.oldest_age"], 600, 3600);
    }
}

public sealed class OperationsProbeTestsSqlite(SqliteApp app) : OperationsProbeTests<SqliteApp>(app);
public sealed class OperationsProbeTestsPostgres(PostgresApp app) : OperationsProbeTests<PostgresApp>(app);
