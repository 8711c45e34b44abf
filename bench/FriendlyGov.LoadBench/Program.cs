using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

// Load benchmark: seed a data set, start the real app in its own process, and measure intake and public tracking against a
// bare ADO.NET read of the same row in the same app. Ratios, not absolute figures, are what carry across machines.
// deploy/cluster.sh: the checks and the failover drill against a running cluster.
if (args.Length > 0 && args[0] == "cluster") return await ClusterDrill.RunAsync(args[1..]);
var opt = Args.Parse(args);
var provider = opt.Get("provider", "Sqlite");
var cs = opt.Get("cs", "");
var communes = int.Parse(opt.Get("communes", "1"));
var dossiers = int.Parse(opt.Get("dossiers", "20000"));
var seconds = int.Parse(opt.Get("seconds", "15"));
var concurrency = int.Parse(opt.Get("concurrency", "16"));
// Each path runs this long before it is measured: the server's code reaches its steady state (tiered JIT compiles the
// hot methods again, optimised, within the first tens of seconds; measured: intake 301 req/s over its first 45 s, 411
// over the 30 s after a minute), so a big path is not measured against a small one still warming up.
var warmup = int.Parse(opt.Get("warmup", "20"));
var web = opt.Get("web", "src/FriendlyGov.Web/bin/Release/net10.0/FriendlyGov.Web.dll");
var keysDir = Directory.CreateTempSubdirectory("fg-bench-keys").FullName;
var env = new Dictionary<string, string>
{
    // Staging: built and served as in production (no developer pages, HSTS), but it tolerates the demo accounts the driver
    // signs in with (Production refuses to start while one still has the published demo password) and makes its own
    // throw-away certificate for the data-protection keys.
    ["Database__Provider"] = provider, ["ConnectionStrings__Default"] = cs, ["ASPNETCORE_ENVIRONMENT"] = "Staging",
    ["DataProtection__KeysPath"] = keysDir, ["Logging__LogLevel__Default"] = "Warning", ["Bench__Enabled"] = "true",
    // Production refuses to start without an audit key outside the database: a throw-away one for the run.
    ["Audit__Key"] = opt.Get("audit-key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))),
};
// --server-env "K=V,K2=V2": runtime settings for the server alone (say DOTNET_TieredCompilation=0), so that an A/B run does not
// change the load generator's own runtime as well.
foreach (var pair in opt.Get("server-env", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    if (pair.Split('=', 2) is not [var name, var value]) throw new ArgumentException($"--server-env wants K=V, not {pair}");
    env[name] = value;
}
// --reuse true: measure again on a database an earlier run of the same sizes seeded (a 5 M history takes a quarter of an hour
// to seed); nothing is added to it but what the measures themselves write. Pass that run's --audit-key to keep its chains whole.
var reuse = opt.Get("reuse", "false") == "true";

Console.WriteLine($"# {provider}: {dossiers:N0} dossiers over {communes} commune(s); {concurrency} clients, {seconds} s per measure");
// The demo data is seeded only in Development or Testing (DemoGuard).
if (!reuse) await Run("dotnet", [web, "seed-demo"], new Dictionary<string, string>(env) { ["ASPNETCORE_ENVIRONMENT"] = "Testing" });
var seedWatch = Stopwatch.StartNew();
var only = opt.Get("only", "");
var national = only == "national";
if (reuse && only is not ("dashboards" or "writes" or "intake")) throw new ArgumentException("--reuse is for --only dashboards, writes or intake (the other measures need the seed's tracking keys)");
if (national) await National.SeedSettingsAsync(cs, fast: true);
List<string> keys = reuse ? [] : await Seed.RunAsync(provider, cs, communes, dossiers, int.Parse(opt.Get("provinces", "1")), int.Parse(opt.Get("keys", "20000")));
if (national)
{
    // The year behind the national day: steps, ratings and petitions; no figures (the day's intakes and lookups read none).
    await Seed.HistoryAsync(provider, cs);
    await National.PetitionsAsync(cs);
    await National.SeedSettingsAsync(cs, fast: false);
    Console.WriteLine($"national history seeded in {seedWatch.Elapsed.TotalMinutes:F1} min: {await National.SizesAsync(cs)}");
}
if (only == "dashboards" && !reuse)
{
    // A year of history behind the dashboards: most seeded dossiers processed and returned (a fifth of them late), a third
    // rated. Written straight to the tables, so the figures the dashboards read are rebuilt from them afterwards.
    await Seed.HistoryAsync(provider, cs);
    // Petitions (one for every ten dossiers) and land clearance (visits growing with the history) behind their views.
    if (provider == "Postgres")
    {
        await National.PetitionsAsync(cs);
        await National.ClearanceAsync(cs);
        Console.WriteLine($"dashboards' history: {await National.SizesAsync(cs)}");
    }
    var rebuild = Stopwatch.StartNew();
    await Run("dotnet", [web, "rebuild-figures"], env);
    Console.WriteLine($"history seeded; figures rebuilt in {rebuild.Elapsed.TotalSeconds:F0} s");
}
// Intake spread as a province's is: each client is the counter officer of its own commune (one commune: all share it).
List<string> officerCommunes = communes <= 1 ? [] : reuse
    ? [.. Enumerable.Range(1, Math.Min(concurrency, communes - 1)).Select(i => $"B{i:00000}")]
    : await Seed.OfficersAsync(provider, cs, Math.Min(concurrency, communes - 1));
Console.WriteLine($"seeded in {seedWatch.Elapsed.TotalSeconds:F0} s");

var port = FreePort();
var server = Start("dotnet", [web, "--urls", $"http://127.0.0.1:{port}"], env);
try
{
    var baseUrl = $"http://127.0.0.1:{port}";
    using var anon = Client(baseUrl, concurrency);
    for (var i = 0; i < 120 && !await Healthy(anon); i++) await Task.Delay(500);
    var officer = await Login(baseUrl, concurrency, "quangloc.tiepnhan", "FriendlyGov@2025");
    var rnd = new Random(7);
    string Key() => keys[rnd.Next(keys.Count)];
    var intakeBody = new
    {
        procedureCode = "2.000815", applicantName = "Người Đo Tải", citizenId = "038305012345", phone = "0912000111", address = "Thôn Trung", received = new[] { 0, 1 },
    };

    Func<HttpClient, Task<HttpResponseMessage>> bare = c => c.GetAsync($"/bench/bare/{Key()}");
    Func<HttpClient, Task<HttpResponseMessage>> tracking = c => c.GetAsync($"/api/v1/tracking/{Key()}");
    Func<HttpClient, Task<HttpResponseMessage>> intake = c => c.PostAsJsonAsync("/api/v1/communes/16060/dossiers", intakeBody);

    // Writers: client i is the officer of commune i (or everyone Quang Lộc's officer when there is one commune).
    var writers = new List<(HttpClient Client, string Code, int UnitId)>();
    var unitIds = await UnitIdsAsync(provider, cs, officerCommunes.Count > 0 ? officerCommunes : ["16060"]);
    if (officerCommunes.Count == 0) writers.Add((officer, "16060", unitIds["16060"]));
    else
        for (var i = 0; i < officerCommunes.Count; i++)
            writers.Add((await Login(baseUrl, 2, $"bench.officer.{i + 1}", "FriendlyGov@2025"), officerCommunes[i], unitIds[officerCommunes[i]]));
    (HttpClient Client, string Code, int UnitId) Writer(int i) => writers[i % writers.Count];
    Task<HttpResponseMessage> BareInsert(int i) => Writer(i).Client.PostAsync($"/bench/bare-insert/{Writer(i).UnitId}", null);
    Task<HttpResponseMessage> Intake(int i) => Writer(i).Client.PostAsJsonAsync($"/api/v1/communes/{Writer(i).Code}/dossiers", intakeBody);
    Task<HttpResponseMessage> IntakeWithKey(int i)
    {
        var m = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/communes/{Writer(i).Code}/dossiers") { Content = JsonContent.Create(intakeBody) };
        m.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return Writer(i).Client.SendAsync(m);
    }

    if (national)
    {
        // The day itself: every path warmed, then the bare insert for its rate, the counted intakes, the bare read for its
        // rate, the counted lookups. Lookups come from more clients at once than the counters (a portal's visitors).
        var intakes = int.Parse(opt.Get("intakes", "200000"));
        var lookups = int.Parse(opt.Get("lookups", "2000000"));
        var readers = int.Parse(opt.Get("readers", (concurrency * 2).ToString()));
        using var portal = Client(baseUrl, readers);
        Task<HttpResponseMessage> Lookup(int _) => portal.GetAsync($"/api/v1/tracking/{Key()}");
        Task<HttpResponseMessage> Bare(int _) => portal.GetAsync($"/bench/bare/{Key()}");
        foreach (var warm in new Func<int, Task<HttpResponseMessage>>[] { BareInsert, Intake }) await Load.Measure(warm, concurrency, warmup);
        foreach (var warm in new Func<int, Task<HttpResponseMessage>>[] { Bare, Lookup }) await Load.Measure(warm, readers, warmup);
        var bareInsert = await Load.Measure(BareInsert, concurrency, seconds);
        var day = await National.CountAsync(Intake, concurrency, intakes);
        var bareRead = await Load.Measure(Bare, readers, seconds);
        var seen = await National.CountAsync(Lookup, readers, lookups);
        Console.WriteLine($"\nnational day: {writers.Count} counters in as many communes ({concurrency} clients), {readers} portal clients; server peak memory (VmHWM) {PeakMemoryMb(server.Id)} MB\n");
        Console.WriteLine("| measure | requests | took | requests/s | p50 ms | p99 ms | p99.9 ms | errors | ratio to its bare baseline (req/s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| bare ADO.NET insert, dossier + history row ({seconds} s) | | | {bareInsert.Rps:F0} | {bareInsert.P50:F1} | {bareInsert.P99:F1} | | {bareInsert.Errors} | 1 |");
        Console.WriteLine($"| intake at the counter (POST) | {day.Requests:N0} | {day.Took:mm\\:ss} | {day.Rps:F0} | {day.P50:F1} | {day.P99:F1} | {day.P999:F1} | {day.Errors} | {day.Rps / bareInsert.Rps:F2} |");
        Console.WriteLine($"| bare ADO.NET read ({seconds} s) | | | {bareRead.Rps:F0} | {bareRead.P50:F1} | {bareRead.P99:F1} | | {bareRead.Errors} | 1 |");
        Console.WriteLine($"| public tracking lookup (GET) | {seen.Requests:N0} | {seen.Took:mm\\:ss} | {seen.Rps:F0} | {seen.P50:F1} | {seen.P99:F1} | {seen.P999:F1} | {seen.Errors} | {seen.Rps / bareRead.Rps:F2} |");
        return 0;
    }
    if (opt.Get("only", "") == "tracking")
    {
        Console.Error.WriteLine($"server pid {server.Id}: bare read and tracking for {seconds} s each");
        await Load.Measure(anon, tracking, concurrency, 3);
        var ob = await Load.Measure(anon, bare, concurrency, seconds);
        var ot = await Load.Measure(anon, tracking, concurrency, seconds);
        Console.WriteLine($"bare {ob.Rps:F0} req/s; tracking {ot.Rps:F0} req/s, p99 {ot.P99:F1} ms: {ot.Rps / ob.Rps:F2}x");
        return 0;
    }
    if (opt.Get("only", "") == "intake")
    {
        // For profiling the write path: intake alone, as long as asked (attach dotnet-trace to the server meanwhile).
        Console.Error.WriteLine($"server pid {server.Id}: intake only for {seconds} s");
        var alone = await Load.Measure(Intake, concurrency, seconds);
        Console.WriteLine($"intake only: {alone.Rps:F0} req/s, p50 {alone.P50:F1} ms, p99 {alone.P99:F1} ms, {alone.Errors} errors");
        return 0;
    }
    if (opt.Get("only", "") == "writes")
    {
        // The write ratio alone, warm: bare insert and intake, each warmed, then measured in turn, --rounds times (each
        // round's ratio compares neighbours in time, so a machine that slows down mid-run does not favour either side).
        var rounds = int.Parse(opt.Get("rounds", "1"));
        Console.Error.WriteLine($"server pid {server.Id}: bare insert and intake, {warmup} s warm-up, then {rounds} round(s) of {seconds} s each");
        await Load.Measure(BareInsert, concurrency, warmup);
        await Load.Measure(Intake, concurrency, warmup);
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var cb = CpuTimes.Take(server.Id);
            var wb = await Load.Measure(BareInsert, concurrency, seconds);
            var ci = CpuTimes.Take(server.Id);
            var wi = await Load.Measure(Intake, concurrency, seconds);
            var ce = CpuTimes.Take(server.Id);
            ratios.Add(wi.Rps / wb.Rps);
            Console.WriteLine($"round {round}: bare insert {wb.Rps:F0} req/s, p99 {wb.P99:F1} ms; intake {wi.Rps:F0} req/s, p99 {wi.P99:F1} ms, {wi.Errors} errors: {wi.Rps / wb.Rps:F2}x");
            // Where each request's CPU went (the two sides share the machine's cores, so this is what bounds the ratio).
            Console.WriteLine($"  CPU per request: bare insert {ci.PerRequestSince(cb, wb.Rps * seconds)}; intake {ce.PerRequestSince(ci, wi.Rps * seconds)}");
        }
        ratios.Sort();
        Console.WriteLine($"intake / bare insert over {rounds} round(s): median {ratios[ratios.Count / 2]:F2}x, range {ratios[0]:F2}-{ratios[^1]:F2}x; server peak memory (VmHWM) {PeakMemoryMb(server.Id)} MB");
        return 0;
    }
    if (opt.Get("only", "") == "dashboards")
    {
        // The supervisor's views over the province, with history: roll-out and satisfaction indices (by commune), 4 clients.
        var sup = await Login(baseUrl, 4, "giamsat.thanhhoa", "FriendlyGov@2025");
        var communeCodes = Enumerable.Range(1, communes - 1).Select(i => $"B{i:00000}").ToList();
        using var rep = communeCodes.Count == 0 ? new HttpResponseMessage(HttpStatusCode.OK)
            : await sup.PostAsJsonAsync("/api/v1/model/replicate", new { communes = communeCodes, name = "Chính quyền thân thiện, vì nhân dân phục vụ" });
        if (!rep.IsSuccessStatusCode && !reuse) throw new InvalidOperationException($"replication failed: {(int)rep.StatusCode}");
        var ended = (await (await sup.GetAsync("/api/v1/satisfaction?unit=38")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
            .GetProperty("total").GetProperty("endedDossiers").GetInt32();
        var petitions = (await (await sup.GetAsync("/api/v1/petitions/stats?unit=38")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
            .GetProperty("total").GetProperty("total").GetInt32();
        // The commune leader's desk, over a bench commune with its share of the history.
        var leader = await Login(baseUrl, 4, "quangloc.lanhdao", "FriendlyGov@2025");
        var views = new (string Name, HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Get)[]
        {
            ("province roll-out (`/api/v1/model/rollout?unit=38`)", sup, c => c.GetAsync("/api/v1/model/rollout?unit=38")),
            ("satisfaction indices by commune (`/api/v1/satisfaction?unit=38`)", sup, c => c.GetAsync("/api/v1/satisfaction?unit=38")),
            ("petitions, Dân vận khéo (`/api/v1/petitions/stats?unit=38`)", sup, c => c.GetAsync("/api/v1/petitions/stats?unit=38")),
            ("clearance overview (`/api/v1/clearance`)", sup, c => c.GetAsync("/api/v1/clearance")),
            ("supervisor's desk (`/can-bo`)", sup, c => c.GetAsync("/can-bo")),
            ("commune leader's desk (`/can-bo`, xã Quang Lộc)", leader, c => c.GetAsync("/can-bo")),
        };
        foreach (var v in views) await Load.Measure(v.Client, v.Get, 4, Math.Min(warmup, 10));
        Console.WriteLine($"\ndashboards over {dossiers:N0} dossiers ({ended:N0} ended this year in the report, {petitions:N0} petitions this year); 4 clients, {seconds} s each\n");
        Console.WriteLine("| view | p50 ms | p99 ms | req/s | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var v in views)
        {
            var r = await Load.Measure(v.Client, v.Get, 4, seconds);
            Console.WriteLine($"| {v.Name} | {r.P50:F1} | {r.P99:F1} | {r.Rps:F1} | {r.Errors} |");
        }
        Console.WriteLine($"\nserver peak memory (VmHWM) {PeakMemoryMb(server.Id)} MB");
        return 0;
    }
    await Load.Measure(anon, bare, concurrency, warmup); // warm-up
    await Load.Measure(anon, tracking, concurrency, warmup);
    await Load.Measure(BareInsert, concurrency, warmup);
    await Load.Measure(Intake, concurrency, warmup);
    await Load.Measure(IntakeWithKey, concurrency, warmup);
    var b = await Load.Measure(anon, bare, concurrency, seconds);
    var t = await Load.Measure(anon, tracking, concurrency, seconds);
    var bi = await Load.Measure(BareInsert, concurrency, seconds);
    var w = await Load.Measure(Intake, concurrency, seconds);
    var wk = await Load.Measure(IntakeWithKey, concurrency, seconds);

    // The province's roll-out view: every commune gets a model in one replication, then the supervisor reads the table
    // (a handful of supervisors at a time, so 4 clients against a baseline measured with 4 too).
    var supervisor = await Login(baseUrl, concurrency, "giamsat.thanhhoa", "FriendlyGov@2025");
    var codes = Enumerable.Range(1, communes - 1).Select(i => $"B{i:00000}").ToList();
    using var replicated = codes.Count == 0 ? new HttpResponseMessage(HttpStatusCode.OK)
        : await supervisor.PostAsJsonAsync("/api/v1/model/replicate", new { communes = codes, name = "Chính quyền thân thiện, vì nhân dân phục vụ" });
    if (!replicated.IsSuccessStatusCode) throw new InvalidOperationException($"replication failed: {(int)replicated.StatusCode} {await replicated.Content.ReadAsStringAsync()}");
    Func<HttpClient, Task<HttpResponseMessage>> rollout = c => c.GetAsync("/api/v1/model/rollout?unit=38");
    const int few = 4;
    var rows = (await (await supervisor.GetAsync("/api/v1/model/rollout?unit=38")).Content.ReadFromJsonAsync<List<object>>())!.Count;
    await Load.Measure(supervisor, rollout, few, Math.Min(warmup, 5));
    var b4 = await Load.Measure(anon, bare, few, seconds);
    var ro = await Load.Measure(supervisor, rollout, few, seconds);
    var peak = PeakMemoryMb(server.Id);

    Console.WriteLine();
    Console.WriteLine("| measure | requests/s | p50 ms | p99 ms | errors | ratio to bare (req/s) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var (name, r) in new[] { ("bare ADO.NET read (baseline)", b), ("public tracking lookup", t) })
        Console.WriteLine($"| {name} | {r.Rps:F0} | {r.P50:F1} | {r.P99:F1} | {r.Errors} | {r.Rps / b.Rps:F2} |");
    Console.WriteLine($"\nwriters: {writers.Count} commune(s), {concurrency} clients\n");
    Console.WriteLine("| measure | requests/s | p50 ms | p99 ms | errors | ratio to bare insert (req/s) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var (name, r) in new[] { ("bare ADO.NET insert, dossier + history row (baseline)", bi), ("intake at the counter (POST)", w), ("intake with Idempotency-Key", wk) })
        Console.WriteLine($"| {name} | {r.Rps:F0} | {r.P50:F1} | {r.P99:F1} | {r.Errors} | {r.Rps / bi.Rps:F2} |");
    foreach (var (name, r) in new[] { ($"bare ADO.NET read, {few} clients (baseline)", b4), ($"roll-out view of the province ({rows} communes), {few} clients", ro) })
        Console.WriteLine($"| {name} | {r.Rps:F1} | {r.P50:F1} | {r.P99:F1} | {r.Errors} | {r.Rps / b4.Rps:F4} |");
    Console.WriteLine($"\nserver peak memory (VmHWM): {peak} MB");
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
}
return 0;

static async Task<Dictionary<string, int>> UnitIdsAsync(string provider, string cs, List<string> codes)
{
    await using DbConnection c = provider == "Postgres" ? new NpgsqlConnection(cs) : new SqliteConnection(cs);
    await c.OpenAsync();
    var result = new Dictionary<string, int>();
    foreach (var code in codes)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = '{code}'";
        result[code] = Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }
    return result;
}

static HttpClient Client(string baseUrl, int connections, CookieContainer? cookies = null) =>
    new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
    { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) }; // a province-wide replication takes longer than a request

static async Task<bool> Healthy(HttpClient c)
{
    try { return (await c.GetAsync("/health")).IsSuccessStatusCode; } catch (HttpRequestException) { return false; }
}

static async Task<HttpClient> Login(string baseUrl, int connections, string user, string password)
{
    var client = Client(baseUrl, connections);
    var html = await client.GetStringAsync("/dang-nhap");
    var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var r = await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Input.UserName"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
    }));
    if (r.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("login failed");
    return client;
}

static int FreePort()
{
    var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    l.Start();
    var port = ((IPEndPoint)l.LocalEndpoint).Port;
    l.Stop();
    return port;
}

static long PeakMemoryMb(int pid)
{
    // The app runs as a child of `dotnet`: the process itself is the app (dotnet exec), so its VmHWM is the server's peak.
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
    return line is null ? -1 : long.Parse(Regex.Match(line, @"\d+").Value) / 1024;
}

static Process Start(string file, string[] args, Dictionary<string, string> env)
{
    var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in args) psi.ArgumentList.Add(a);
    foreach (var (k, v) in env) psi.Environment[k] = v;
    var p = Process.Start(psi)!;
    // The server's own log goes to stdout: keep only its failures, so an error under load says why.
    var (shown, after) = (0, 0);
    p.OutputDataReceived += (_, e) =>
    {
        if (e.Data is not { } line) return;
        // A failure's first line names only its category: the three lines after it say what failed.
        if ((line.Contains("fail:") || line.Contains("Exception")) && Interlocked.Increment(ref shown) <= 40) after = 4;
        if (after > 0) { after--; Console.Error.WriteLine("server: " + line); }
    };
    p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    return p;
}

static async Task Run(string file, string[] args, Dictionary<string, string> env)
{
    using var p = Start(file, args, env);
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}");
}

sealed record Result(double Rps, double P50, double P99, int Errors);

static class Load
{
    /// <summary>A closed loop: each client sends its next request when the last one is answered, for the given time.</summary>
    public static Task<Result> Measure(HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> send, int clients, int seconds) =>
        Measure(_ => send(client), clients, seconds);

    /// <summary>The same loop where client <c>i</c> sends its own requests (its own account, its own commune).</summary>
    public static async Task<Result> Measure(Func<int, Task<HttpResponseMessage>> send, int clients, int seconds)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var mine = latencies[i] = [];
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var r = await send(i);
                    if ((int)r.StatusCode >= 400 && Interlocked.Increment(ref errors) == 1)
                        Console.Error.WriteLine($"first error: {(int)r.StatusCode} {(await r.Content.ReadAsStringAsync())[..Math.Min(300, (int)(r.Content.Headers.ContentLength ?? 300))]}");
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length / watch.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], errors);
    }
}

static class Seed
{
    /// <summary>Adds communes under Thanh Hóa and spreads the dossiers over them (and xã Quang Lộc); returns a sample of tracking keys.</summary>
    /// <summary>
    /// One counter officer (password as the demo's) and the procedure 2.000815 in each of the first <paramref name="count"/>
    /// bench communes, copied from xã Quang Lộc's, so intake load is spread over communes as a province's is.
    /// </summary>
    public static async Task<List<string>> OfficersAsync(string provider, string cs, int count)
    {
        await using DbConnection c = provider == "Postgres" ? new NpgsqlConnection(cs) : new SqliteConnection(cs);
        await c.OpenAsync();
        async Task<List<string>> Columns(string table)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = provider == "Postgres"
                ? $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position"
                : $"SELECT name FROM pragma_table_info('{table}')";
            var list = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) list.Add(r.GetString(0));
            return list;
        }
        async Task Exec(string sql) { await using var cmd = c.CreateCommand(); cmd.CommandText = sql; await cmd.ExecuteNonQueryAsync(); }
        string Copy(List<string> cols, Dictionary<string, string> overrides, string table, string where) =>
            $"INSERT INTO \"{table}\" ({string.Join(", ", cols.Where(x => x != "Id" || overrides.ContainsKey("Id")).Select(x => $"\"{x}\""))}) " +
            $"SELECT {string.Join(", ", cols.Where(x => x != "Id" || overrides.ContainsKey("Id")).Select(x => overrides.TryGetValue(x, out var v) ? v : $"\"{x}\""))} FROM \"{table}\" WHERE {where}";
        var procedures = await Columns("Procedures");
        var users = await Columns("AspNetUsers");
        var codes = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var code = $"B{i:00000}";
            var unit = $"(SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = '{code}')";
            await Exec(Copy(procedures, new() { ["UnitId"] = unit }, "Procedures",
                "\"Code\" = '2.000815' AND \"UnitId\" = (SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = '16060')"));
            var id = Guid.NewGuid().ToString();
            await Exec(Copy(users, new()
            {
                ["Id"] = $"'{id}'", ["UserName"] = $"'bench.officer.{i}'", ["NormalizedUserName"] = $"'BENCH.OFFICER.{i}'", ["Email"] = "NULL",
                ["NormalizedEmail"] = "NULL", ["PhoneNumber"] = "NULL", ["SecurityStamp"] = $"'{Guid.NewGuid():N}'", ["ConcurrencyStamp"] = $"'{Guid.NewGuid()}'",
                ["UnitId"] = unit, ["FullName"] = $"'Cán bộ đo tải {i}'",
            }, "AspNetUsers", "\"UserName\" = 'quangloc.tiepnhan'"));
            await Exec($"INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") SELECT '{id}', \"RoleId\" FROM \"AspNetUserRoles\" " +
                       "WHERE \"UserId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'quangloc.tiepnhan')");
            codes.Add(code);
        }
        return codes;
    }

    /// <summary>
    /// Processes the seeded dossiers as a commune would (start, complete, return; every fifth completed after its appointed
    /// time) and rates every third, over the year they span. Set-based SQL, the same on SQLite and PostgreSQL.
    /// </summary>
    public static async Task HistoryAsync(string provider, string cs)
    {
        await using DbConnection c = provider == "Postgres" ? new NpgsqlConnection(cs) : new SqliteConnection(cs);
        await c.OpenAsync();
        async Task Exec(string sql) { await using var cmd = c.CreateCommand(); cmd.CommandText = sql; cmd.CommandTimeout = 3600; await cmd.ExecuteNonQueryAsync(); }
        var pg = provider == "Postgres";
        string Plus(string column, int minutes) => pg ? $"\"{column}\" + interval '{minutes} minutes'" : $"datetime(\"{column}\", '+{minutes} minutes')";
        const string steps = "INSERT INTO \"DossierSteps\" (\"UnitId\", \"DossierId\", \"At\", \"Action\", \"Status\", \"ByName\") ";
        const string bench = "FROM \"Dossiers\" WHERE \"Code\" LIKE 'BENCH%'";
        // DossierAction: StartProcessing 2, Complete 10, Return 11; DossierStatus: Processing 4, Done 9, Returned 10.
        await Exec(steps + $"SELECT \"UnitId\", \"Id\", {Plus("ReceivedAt", 30)}, 2, 4, 'bench' " + bench);
        await Exec(steps + $"SELECT \"UnitId\", \"Id\", CASE WHEN \"Id\" % 5 = 0 THEN {Plus("ReceivedAt", 480)} ELSE {Plus("ReceivedAt", 240)} END, 10, 9, 'bench' " + bench);
        await Exec(steps + $"SELECT \"UnitId\", \"Id\", {Plus("ReceivedAt", 600)}, 11, 10, 'bench' " + bench);
        await Exec("INSERT INTO \"Ratings\" (\"UnitId\", \"At\", \"Source\", \"DossierId\", \"ProcedureCode\", \"ProcedureName\", \"Overall\", \"Aspects\", \"Code\", \"ContentHash\", \"WantsReply\") " +
                   $"SELECT \"UnitId\", {Plus("ReceivedAt", 660)}, 1, \"Id\", \"ProcedureCode\", \"ProcedureName\", 1 + \"Id\" % 5, '00000', '111111111111', 'bench', false " + bench + " AND \"Id\" % 3 = 0");
        await Exec("ANALYZE");
    }

    public static async Task<List<string>> RunAsync(string provider, string cs, int communes, int dossiers, int provinces = 1, int sampleKeys = 20_000)
    {
        await using DbConnection c = provider == "Postgres" ? new NpgsqlConnection(cs) : new SqliteConnection(cs);
        await c.OpenAsync();
        async Task<object?> Scalar(string sql) { await using var cmd = c.CreateCommand(); cmd.CommandText = sql; return await cmd.ExecuteScalarAsync(); }
        // A national seed's statements run for minutes: no command timeout.
        async Task Exec(string sql) { await using var cmd = c.CreateCommand(); cmd.CommandText = sql; cmd.CommandTimeout = 0; await cmd.ExecuteNonQueryAsync(); }

        var province = Convert.ToInt32(await Scalar("SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = '38'"));
        var procedure = Convert.ToInt32(await Scalar("SELECT \"Id\" FROM \"Procedures\" WHERE \"Code\" = '2.000815' AND \"UnitId\" = (SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = '16060')"));
        var unitIds = new List<int> { Convert.ToInt32(await Scalar("SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = '16060'")) };
        // More than one province: Thanh Hóa, Điện Biên and as many more as asked, the communes dealt among them in turn.
        var parents = new List<int> { province };
        if (provinces > 1) parents.Add(Convert.ToInt32(await Scalar("SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = '11'")));
        for (var p = parents.Count; p < provinces; p++)
        {
            await Exec($"INSERT INTO \"Units\" (\"Code\", \"Name\", \"Type\", \"Level\", \"EffectiveFrom\", \"Identifier\", \"Version\") " +
                       $"VALUES ('P{p:00}', 'Tỉnh đo tải {p}', 1, 1, '2025-07-01', 'P.{p:00}', 0)");
            parents.Add(Convert.ToInt32(await Scalar($"SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = 'P{p:00}'")));
        }
        for (var i = 1; i < communes; i++)
        {
            await Exec($"INSERT INTO \"Units\" (\"Code\", \"Name\", \"Type\", \"Level\", \"ParentId\", \"EffectiveFrom\", \"Identifier\", \"Version\") " +
                       $"VALUES ('B{i:00000}', 'Đo tải {i}', 20, 3, {parents[i % parents.Count]}, '2025-07-01', 'B.{i:00000}', 0)");
            unitIds.Add(Convert.ToInt32(await Scalar($"SELECT \"Id\" FROM \"Units\" WHERE \"Code\" = 'B{i:00000}'")));
        }
        var keys = new List<string>();
        var rnd = new Random(42);
        // A year of history, ending today: each commune's dossiers spread evenly over the last 365 days.
        var start = DateTime.UtcNow.Date.AddDays(-365).AddHours(1);
        var perDay = Math.Max(1, (int)Math.Ceiling(dossiers / (double)unitIds.Count / 365));
        // The keys looked up are spread over the whole history, as many as asked for (a national day asks for 200,000 of
        // them, whatever the history's size): every stride-th dossier's.
        var stride = Math.Max(1, Math.Min(97, dossiers / Math.Max(1, sampleKeys)));
        IEnumerable<(int Unit, string Code, string Key, DateTime At)> Rows()
        {
            for (var n = 0; n < dossiers; n++)
            {
                var unit = unitIds[n % unitIds.Count];
                var perUnit = n / unitIds.Count;
                var day = start.AddDays(perUnit / perDay);
                var key = Convert.ToHexStringLower(BitConverter.GetBytes(rnd.NextInt64())) + n.ToString("x8");
                if (n % stride == 0 && keys.Count < sampleKeys) keys.Add(key);
                yield return (unit, $"BENCH{unit}-{day:yyMMdd}-{perUnit % perDay + 1:0000}", key, day.AddMinutes(perUnit % perDay));
            }
        }
        const string cols = "\"UnitId\", \"Code\", \"TrackingKey\", \"ProcedureId\", \"ProcedureCode\", \"ProcedureName\", \"Channel\", \"Status\", \"ApplicantName\", \"CitizenId\", \"Phone\", \"Address\", \"ReceivedAt\", \"AppointedAt\", \"Version\"";
        if (c is NpgsqlConnection pg)
        {
            await using (var w = await pg.BeginBinaryImportAsync($"COPY \"Dossiers\" ({cols}) FROM STDIN (FORMAT BINARY)"))
            {
                w.Timeout = TimeSpan.Zero; // the server may take minutes to finish a national COPY
                foreach (var r in Rows())
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(r.Unit, NpgsqlDbType.Integer); await w.WriteAsync(r.Code); await w.WriteAsync(r.Key);
                    await w.WriteAsync(procedure, NpgsqlDbType.Integer); await w.WriteAsync("2.000815"); await w.WriteAsync("Chứng thực bản sao từ bản chính");
                    await w.WriteAsync(1, NpgsqlDbType.Integer); await w.WriteAsync(10, NpgsqlDbType.Integer); await w.WriteAsync("Người Dân Thử");
                    await w.WriteAsync("038305012345"); await w.WriteAsync("0912000111"); await w.WriteAsync("Thôn Trung");
                    await w.WriteAsync(r.At, NpgsqlDbType.TimestampTz); await w.WriteAsync(r.At.AddHours(6), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(0, NpgsqlDbType.Integer);
                }
                await w.CompleteAsync();
            }
            await Exec("INSERT INTO \"DossierSteps\" (\"UnitId\", \"DossierId\", \"At\", \"Action\", \"Status\", \"ByName\") " +
                       "SELECT \"UnitId\", \"Id\", \"ReceivedAt\", 0, 2, 'bench' FROM \"Dossiers\" WHERE \"Code\" LIKE 'BENCH%'");
            await Exec("ANALYZE");
        }
        else
        {
            await using var tx = await c.BeginTransactionAsync();
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO \"Dossiers\" ({cols}) VALUES ($u, $c, $k, {procedure}, '2.000815', 'Chứng thực bản sao từ bản chính', 1, 10, 'Người Dân Thử', '038305012345', '0912000111', 'Thôn Trung', $at, $ap, 0)";
            var (u, cd, k, at, ap) = (cmd.CreateParameter(), cmd.CreateParameter(), cmd.CreateParameter(), cmd.CreateParameter(), cmd.CreateParameter());
            (u.ParameterName, cd.ParameterName, k.ParameterName, at.ParameterName, ap.ParameterName) = ("$u", "$c", "$k", "$at", "$ap");
            cmd.Parameters.AddRange(new[] { u, cd, k, at, ap });
            foreach (var r in Rows())
            {
                (u.Value, cd.Value, k.Value, at.Value, ap.Value) = (r.Unit, r.Code, r.Key, r.At.ToString("yyyy-MM-dd HH:mm:ss"), r.At.AddHours(6).ToString("yyyy-MM-dd HH:mm:ss"));
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            await Exec("INSERT INTO \"DossierSteps\" (\"UnitId\", \"DossierId\", \"At\", \"Action\", \"Status\", \"ByName\") " +
                       "SELECT \"UnitId\", \"Id\", \"ReceivedAt\", 0, 2, 'bench' FROM \"Dossiers\" WHERE \"Code\" LIKE 'BENCH%'");
        }
        return keys;
    }
}

sealed class Args
{
    private readonly Dictionary<string, string> _values = new();
    public static Args Parse(string[] args)
    {
        var a = new Args();
        for (var i = 0; i + 1 < args.Length; i += 2) a._values[args[i].TrimStart('-')] = args[i + 1];
        return a;
    }
    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);
}

/// <summary>
/// CPU seconds used so far by the server process and by each PostgreSQL process, and by the whole machine (from /proc). A
/// difference counts the PostgreSQL processes alive at its end: one that started meanwhile counts whole, one that ended
/// (an autovacuum worker) is left out rather than subtracted.
/// </summary>
sealed record CpuTimes(double App, Dictionary<int, double> Database, double All)
{
    private const double Tick = 100.0; // USER_HZ: 100 on every Linux this runs on

    private static double? Of(string statPath)
    {
        try
        {
            var stat = File.ReadAllText(statPath);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / Tick; // utime, stime
        }
        catch (IOException) { return null; } // the process ended between listing and reading
    }

    public static CpuTimes Take(int serverPid)
    {
        var database = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try { if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres" && Of(Path.Combine(dir, "stat")) is { } t) database[pid] = t; }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(long.Parse).ToArray();
        return new(Of($"/proc/{serverPid}/stat") ?? 0, database, (cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6]) / Tick);
    }

    /// <summary>Milliseconds of CPU per request from <paramref name="start"/> to this snapshot: the app, PostgreSQL (backends and background processes), everything else (the load generator, the kernel).</summary>
    public string PerRequestSince(CpuTimes start, double requests)
    {
        if (requests < 1) return "no requests";
        var app = App - start.App;
        var database = Database.Sum(p => p.Value - start.Database.GetValueOrDefault(p.Key));
        var all = All - start.All;
        return $"app {app * 1000 / requests:F2} ms, database {database * 1000 / requests:F2} ms, rest {(all - app - database) * 1000 / requests:F2} ms";
    }
}
