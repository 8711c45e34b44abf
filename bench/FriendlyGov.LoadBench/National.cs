using System.Diagnostics;
using Npgsql;

// The national day (issue 15): the country's 34 provinces and 3,321 communes, a year of history behind them (dossiers with
// their steps, ratings and petitions), then a day's intakes and public lookups counted, not timed, beside the bare
// baselines of the same run. PostgreSQL only: a nation does not run on an embedded file.
static class National
{
    /// <summary>
    /// A year's petitions, one for every tenth seeded dossier, on its day, over five fields and eight villages (some with none);
    /// one in seven of the last 20 days' still being handled (a backlog, as a commune's is), the rest answered and most closed,
    /// with their events; set-based SQL. PetitionStatus: Closed 6, Answered 5, InProgress 3; PetitionAction: Submitted 1,
    /// Answered 6, Closed 7.
    /// </summary>
    public static async Task PetitionsAsync(string cs)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        async Task Exec(string sql) { await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 }; await cmd.ExecuteNonQueryAsync(); }
        await Exec("""
            INSERT INTO "Petitions" ("UnitId", "Code", "TrackingKey", "Channel", "CategoryCode", "CategoryName", "Title", "Content", "SenderName",
                "ShowName", "ConsentPublish", "SubmittedAt", "ClockStart", "DueAt", "PausedMinutes", "Status", "Answer", "AnsweredAt", "AnsweredByName",
                "ReopenCount", "Version", "VillageName")
            SELECT "UnitId", 'PBENCH' || "Id", md5('petition' || "Id"), 1 + "Id" % 5, 'ha-tang',
                (ARRAY['Hạ tầng, giao thông', 'Môi trường', 'Đất đai, xây dựng', 'An ninh, trật tự', 'Chính sách xã hội'])[1 + ("Id" / 10) % 5], 'Đường thôn hư hỏng',
                'Đoạn đường qua thôn bị sạt lở sau mưa, đề nghị xã sửa chữa.', 'Người Dân Thử', false, false,
                "ReceivedAt", "ReceivedAt", "ReceivedAt" + interval '15 days', 0,
                CASE WHEN "Id" % 7 = 0 AND "ReceivedAt" > now() - interval '20 days' THEN 3 WHEN "Id" % 3 = 0 THEN 5 ELSE 6 END,
                CASE WHEN "Id" % 7 = 0 AND "ReceivedAt" > now() - interval '20 days' THEN NULL ELSE 'Xã đã cử cán bộ kiểm tra và sửa chữa đoạn đường.' END,
                CASE WHEN "Id" % 7 = 0 AND "ReceivedAt" > now() - interval '20 days' THEN NULL ELSE "ReceivedAt" + interval '6 days' END,
                CASE WHEN "Id" % 7 = 0 AND "ReceivedAt" > now() - interval '20 days' THEN NULL ELSE 'bench' END, 0, 0,
                CASE WHEN "Id" % 9 = 0 THEN NULL ELSE 'Thôn ' || (1 + ("Id" / 10) % 8) END
            FROM "Dossiers" WHERE "Code" LIKE 'BENCH%' AND "Id" % 10 = 0
            """);
        const string events = "INSERT INTO \"PetitionEvents\" (\"UnitId\", \"PetitionId\", \"At\", \"Action\", \"Status\", \"ByName\") ";
        await Exec(events + "SELECT \"UnitId\", \"Id\", \"SubmittedAt\", 1, 1, 'bench' FROM \"Petitions\" WHERE \"Code\" LIKE 'PBENCH%'");
        await Exec(events + "SELECT \"UnitId\", \"Id\", \"AnsweredAt\", 6, 5, 'bench' FROM \"Petitions\" WHERE \"Code\" LIKE 'PBENCH%' AND \"AnsweredAt\" IS NOT NULL");
        await Exec(events + "SELECT \"UnitId\", \"Id\", \"AnsweredAt\" + interval '3 days', 7, 6, 'bench' FROM \"Petitions\" WHERE \"Code\" LIKE 'PBENCH%' AND \"Status\" = 6");
        await Exec("ANALYZE");
    }

    /// <summary>
    /// Land clearance behind the overview: two projects of 80 households in every bench commune, and visits that grow with the
    /// history (one for every 50 dossiers, spread over the commune's households and the year).
    /// </summary>
    public static async Task ClearanceAsync(string cs)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        async Task Exec(string sql) { await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 }; await cmd.ExecuteNonQueryAsync(); }
        await Exec("""
            INSERT INTO "ClearanceProjects" ("UnitId", "Name", "Purpose", "CreatedAt", "Version")
            SELECT u."Id", 'Mở rộng đường liên thôn ' || g, 'Mở rộng đường liên thôn cho xe cơ giới.', now(), 0
            FROM "Units" u CROSS JOIN generate_series(1, 2) g WHERE u."Code" LIKE 'B%' AND u."Level" = 3
            """);
        await Exec("""
            INSERT INTO "AffectedHouseholds" ("UnitId", "ProjectId", "HeadName", "Village", "AffectedAreaM2", "Status", "AgreesToBeNamed", "Version")
            SELECT p."UnitId", p."Id", 'Hộ thử ' || g, 'Thôn ' || (1 + g % 5), 50, 1 + g % 4, false, 0
            FROM "ClearanceProjects" p CROSS JOIN generate_series(1, 40) g WHERE p."Name" LIKE 'Mở rộng đường liên thôn %'
            """);
        // Statistics first: without them the planner takes the fresh table for one row and joins by nested loop (at 5 M
        // dossiers, 12,000 households times each commune's 33,000 dossiers).
        await Exec("ANALYZE \"AffectedHouseholds\"");
        await Exec("""
            WITH h AS MATERIALIZED (SELECT "Id", "UnitId", row_number() OVER (PARTITION BY "UnitId" ORDER BY "Id") - 1 AS n FROM "AffectedHouseholds" WHERE "HeadName" LIKE 'Hộ thử %')
            INSERT INTO "HouseholdVisits" ("UnitId", "HouseholdId", "Date", "VisitedBy", "Notes")
            SELECT d."UnitId", h."Id", d."ReceivedAt"::date, 'Tổ công tác thôn', 'Giải thích phương án, hộ còn băn khoăn.'
            FROM "Dossiers" d JOIN h ON h."UnitId" = d."UnitId" AND h.n = (d."Id" / 50) % 80
            WHERE d."Code" LIKE 'BENCH%' AND d."Id" % 50 = 0
            """);
        // Written straight to the table: each household's counters as the app keeps them when it records a visit.
        await Exec("""
            UPDATE "AffectedHouseholds" h SET "VisitCount" = v.n, "LastVisitOn" = v.last
            FROM (SELECT "HouseholdId", count(*) AS n, max("Date") AS last FROM "HouseholdVisits" GROUP BY "HouseholdId") v WHERE v."HouseholdId" = h."Id"
            """);
        await Exec("ANALYZE");
    }

    /// <summary>
    /// Seeding a year takes the server's durability off (fsync, full-page writes, synchronous commit: each a reload, not a
    /// restart); afterwards they are restored, the tables vacuumed (their visibility maps set) and a checkpoint taken, so the day itself is
    /// measured on a durable server with no autovacuum catching up on the load.
    /// </summary>
    public static async Task SeedSettingsAsync(string cs, bool fast)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        async Task Exec(string sql) { await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 }; await cmd.ExecuteNonQueryAsync(); }
        foreach (var setting in new[] { "fsync", "full_page_writes", "synchronous_commit" })
            await Exec(fast ? $"ALTER SYSTEM SET {setting} = off" : $"ALTER SYSTEM RESET {setting}");
        await Exec("SELECT pg_reload_conf()");
        if (fast) return;
        foreach (var table in new[] { "Dossiers", "DossierSteps", "Ratings", "Petitions", "PetitionEvents" }) await Exec($"VACUUM (ANALYZE) \"{table}\"");
        await Exec("CHECKPOINT");
    }

    /// <summary>The sizes of what was seeded, as the report prints them.</summary>
    public static async Task<string> SizesAsync(string cs)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        var parts = new List<string>();
        foreach (var (label, sql) in new[]
                 {
                     ("provinces", "SELECT count(*) FROM \"Units\" WHERE \"Level\" = 1"), ("communes", "SELECT count(*) FROM \"Units\" WHERE \"Level\" = 3"),
                     ("dossiers", "SELECT count(*) FROM \"Dossiers\""), ("steps", "SELECT count(*) FROM \"DossierSteps\""),
                     ("ratings", "SELECT count(*) FROM \"Ratings\""), ("petitions", "SELECT count(*) FROM \"Petitions\""),
                     ("petition events", "SELECT count(*) FROM \"PetitionEvents\""), ("household visits", "SELECT count(*) FROM \"HouseholdVisits\""),
                 })
        {
            await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
            parts.Add($"{Convert.ToInt64(await cmd.ExecuteScalarAsync()):N0} {label}");
        }
        await using (var size = new NpgsqlCommand("SELECT pg_size_pretty(pg_database_size(current_database()))", c))
            parts.Add($"database {await size.ExecuteScalarAsync()}");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Sends exactly <paramref name="total"/> requests from <paramref name="clients"/> closed-loop clients and reports
    /// throughput, p50/p99/p99.9 and the time the whole count took.
    /// </summary>
    public static async Task<Counted> CountAsync(Func<int, Task<HttpResponseMessage>> send, int clients, int total)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var next = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var mine = latencies[i] = [];
            while (Interlocked.Increment(ref next) <= total)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var r = await send(i);
                    if ((int)r.StatusCode >= 400 && Interlocked.Increment(ref errors) == 1) firstError = $"{(int)r.StatusCode}";
                }
                catch (HttpRequestException e) { if (Interlocked.Increment(ref errors) == 1) firstError = e.Message; }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        watch.Stop();
        if (firstError is not null) Console.Error.WriteLine($"first error: {firstError}");
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all[Math.Min(all.Length - 1, (int)(all.Length * q))];
        return new Counted(all.Length, watch.Elapsed, all.Length / watch.Elapsed.TotalSeconds, At(0.5), At(0.99), At(0.999), errors);
    }
}

sealed record Counted(int Requests, TimeSpan Took, double Rps, double P50, double P99, double P999, int Errors);
