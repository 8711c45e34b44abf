using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// The checks of deploy/cluster.sh against a running cluster (two app instances behind nginx): that the instances are
/// interchangeable (<c>check</c>), and the failover drill's load (<c>drill</c>): intakes through nginx with an
/// Idempotency-Key each, retried with the same key until answered, so that every acknowledged dossier can be looked for
/// afterwards and the seconds without an answer are measured.
/// </summary>
static class ClusterDrill
{
    private const string Password = "FriendlyGov@2025";

    public static async Task<int> RunAsync(string[] args)
    {
        var opt = Args.Parse(args[1..]);
        return args[0] switch
        {
            "check" => await CheckAsync(opt.Get("instances", "").Split(','), opt.Get("proxy", ""), opt.Get("user", "quangloc.tiepnhan")),
            "drill" => await DrillAsync(opt.Get("proxy", ""), opt.Get("user", "quangloc.tiepnhan"), opt.Get("commune", "16060"),
                int.Parse(opt.Get("seconds", "30")), int.Parse(opt.Get("clients", "8")), opt.Get("out", "acknowledged.txt"), opt.Get("gap-file", "")),
            _ => throw new ArgumentException("cluster check|drill"),
        };
    }

    /// <summary>A browser or a counter's program; <paramref name="from"/> is its own loopback address (one per counter, as
    /// each commune office reaches the portal from its own address, which nginx's per-address limits count).</summary>
    private static HttpClient Client(string baseUrl, CookieContainer cookies, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(2),
            // nginx's certificate on loopback is the script's own self-signed one.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        if (from is not null)
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch { socket.Dispose(); throw; }
            };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>
    /// The hidden fields (antiforgery, one-time form token) of the page's form that posts to <paramref name="path"/> (or to
    /// itself), not of its other forms such as the language switch.
    /// </summary>
    private static Dictionary<string, string> HiddenFields(string html, string path)
    {
        var fields = new Dictionary<string, string>();
        var form = Regex.Matches(html, "<form([^>]*)>(.*?)</form>", RegexOptions.Singleline).FirstOrDefault(f =>
            f.Groups[1].Value.Contains("method=\"post\"") && Regex.Match(f.Groups[1].Value, "action=\"([^\"?]*)").Groups[1].Value is var action
            && (action.Length == 0 || action == path));
        foreach (Match m in Regex.Matches(form?.Groups[2].Value ?? "", "<input[^>]*type=\"hidden\"[^>]*>"))
        {
            var name = Regex.Match(m.Value, "name=\"([^\"]+)\"").Groups[1].Value;
            var value = WebUtility.HtmlDecode(Regex.Match(m.Value, "value=\"([^\"]*)\"").Groups[1].Value);
            if (name.Length > 0) fields.TryAdd(name, value);
        }
        return fields;
    }

    private static async Task<(HttpStatusCode Status, string? Location, string? Upstream)> PostFormAsync(
        HttpClient client, string path, Dictionary<string, string> fields)
    {
        using var r = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        return (r.StatusCode, r.Headers.Location?.ToString(), Upstream(r));
    }

    private static string? Upstream(HttpResponseMessage r) => r.Headers.TryGetValues("X-Upstream", out var v) ? v.First() : null;

    private static async Task<(HttpStatusCode, string?)> SignInAsync(HttpClient formFrom, HttpClient postTo, string user)
    {
        var fields = HiddenFields(await formFrom.GetStringAsync("/dang-nhap"), "/dang-nhap");
        fields["Input.UserName"] = user;
        fields["Input.Password"] = Password;
        var (status, location, _) = await PostFormAsync(postTo, "/dang-nhap", fields);
        return (status, location);
    }

    private static async Task<int> CheckAsync(string[] instances, string proxy, string user)
    {
        var failures = new List<string>();
        void Expect(bool ok, string what)
        {
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
            if (!ok) failures.Add(what);
        }

        // 1. A sign-in form served by one instance is accepted by the other, and the session it opens is valid on both.
        var cookies = new CookieContainer();
        using (var a = Client(instances[0], cookies))
        using (var b = Client(instances[1], cookies))
        {
            var (status, location) = await SignInAsync(a, b, user);
            Expect(status == HttpStatusCode.Redirect && location == "/can-bo", $"sign-in form from instance 1 posted to instance 2 ({(int)status} {location})");
            foreach (var (c, n) in new[] { (a, 1), (b, 2) })
            {
                using var desk = await c.GetAsync("/can-bo");
                Expect(desk.StatusCode == HttpStatusCode.OK, $"the session opens the desk on instance {n} ({(int)desk.StatusCode})");
            }
            // A staff form (the counter's intake) fetched from instance 2 and posted to instance 1 makes one dossier.
            var form = await b.GetStringAsync("/can-bo/ho-so/tiep-nhan?procedure=2.000815");
            var fields = HiddenFields(form, "/can-bo/ho-so/tiep-nhan");
            fields["Input.ProcedureCode"] = "2.000815";
            fields["Input.ApplicantName"] = "Người Thử Cụm";
            fields["Input.CitizenId"] = "038305012345";
            fields["Input.Phone"] = "0912000111";
            fields["Input.Address"] = "Thôn Trung";
            fields["Input.Decision"] = "Accept";
            var content = new FormUrlEncodedContent(fields.Concat([new("Input.Received", "0"), new("Input.Received", "1")]));
            using var posted = await a.PostAsync("/can-bo/ho-so/tiep-nhan", content);
            var receipt = posted.Headers.Location?.ToString() ?? "";
            Expect(posted.StatusCode == HttpStatusCode.Redirect && receipt.EndsWith("/phieu"),
                $"the intake form from instance 2 posted to instance 1 makes a dossier ({(int)posted.StatusCode} {receipt})");
        }

        // 2. Through nginx: each sign-in's form and post, and the desk after it, may land on either instance; all work.
        var served = new HashSet<string>();
        var crossed = 0;
        for (var i = 0; i < 6; i++)
        {
            using var c = Client(proxy, new CookieContainer());
            using var page = await c.GetAsync("/dang-nhap");
            var fields = HiddenFields(await page.Content.ReadAsStringAsync(), "/dang-nhap");
            fields["Input.UserName"] = user;
            fields["Input.Password"] = Password;
            var (status, location, upstream) = await PostFormAsync(c, "/dang-nhap", fields);
            using var desk = await c.GetAsync("/can-bo");
            Expect(status == HttpStatusCode.Redirect && location == "/can-bo" && desk.StatusCode == HttpStatusCode.OK,
                $"sign-in {i + 1} through nginx: form from {Upstream(page)}, post to {upstream}, desk from {Upstream(desk)}");
            foreach (var u in new[] { Upstream(page), upstream, Upstream(desk) }) if (u is not null) served.Add(u);
            if (Upstream(page) != upstream) crossed++;
        }
        Expect(served.Count == 2, $"nginx sent the requests to both instances ({string.Join(", ", served)})");

        // 3. The supervisor's dashboards (their GETs) are answered; deploy/cluster.sh checks on the standby that they read there.
        using (var supervisor = Client(instances[0], new CookieContainer()))
        {
            var (status, _) = await SignInAsync(supervisor, supervisor, "giamsat.thanhhoa");
            using var rollout = await supervisor.GetAsync("/can-bo/nhan-rong");
            var html = await rollout.Content.ReadAsStringAsync();
            Expect(status == HttpStatusCode.Redirect && rollout.StatusCode == HttpStatusCode.OK && html.Contains("Quang Lộc"),
                $"the province's roll-out dashboard answers the supervisor ({(int)rollout.StatusCode})");
            using var indices = await supervisor.GetAsync("/api/v1/satisfaction/?unit=38");
            Expect(indices.StatusCode == HttpStatusCode.OK, $"the satisfaction indices answer the supervisor ({(int)indices.StatusCode})");
        }
        Expect(crossed > 0, $"at least one form was posted to the instance that had not served it ({crossed} of 6)");
        Console.WriteLine(failures.Count == 0 ? "cluster check: passed" : $"cluster check: {failures.Count} failed");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Intakes through nginx from <paramref name="clients"/> counter sessions for <paramref name="seconds"/>. Each request
    /// has its own Idempotency-Key and is sent again with the same key until it is answered 201 (a failover in between
    /// answers 5xx, or the connection fails). Writes each acknowledged dossier code to <paramref name="output"/>, then sends
    /// a sample of acknowledged requests once more and checks that each answers its first dossier.
    /// </summary>
    private static async Task<int> DrillAsync(string proxy, string user, string commune, int seconds, int clients, string output, string gapFile)
    {
        var sessions = new List<HttpClient>();
        for (var i = 0; i < clients; i++)
        {
            var c = Client(proxy, new CookieContainer(), IPAddress.Parse($"127.0.0.{10 + i}"));
            var (status, _) = await SignInAsync(c, c, user);
            if (status != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in through nginx answered {(int)status}");
            sessions.Add(c);
        }
        var body = new
        {
            procedureCode = "2.000815", applicantName = "Người Thử Chuyển Đổi", citizenId = "038305012345", phone = "0912000111",
            address = "Thôn Trung", received = new[] { 0, 1 },
        };
        var acknowledged = new ConcurrentBag<(string Key, string Code, double At)>();
        var failures = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        async Task<(HttpStatusCode? Status, string? Code)> SendAsync(HttpClient c, string key)
        {
            using var m = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/communes/{commune}/dossiers") { Content = JsonContent.Create(body) };
            m.Headers.Add("Idempotency-Key", key);
            try
            {
                using var r = await c.SendAsync(m);
                if (r.StatusCode != HttpStatusCode.Created) return (r.StatusCode, null);
                return (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return (null, null); }
        }
        var statuses = new ConcurrentDictionary<string, int>();
        // The same request again and again with its key until it is answered (a client that lost its answer does this).
        async Task<string> UntilAnsweredAsync(HttpClient c, string key)
        {
            while (true)
            {
                var (status, code) = await SendAsync(c, key);
                statuses.AddOrUpdate(status is null ? "no answer" : ((int)status).ToString(), 1, (_, n) => n + 1);
                if (code is not null) return code;
                failures.Add(watch.Elapsed.TotalSeconds);
                if (status is { } s && (int)s is >= 400 and < 500 and not 409 and not 429) throw new InvalidOperationException($"intake refused: {(int)s}");
                if (watch.Elapsed > until + TimeSpan.FromSeconds(60)) throw new TimeoutException("the cluster did not answer again within 60 s");
                await Task.Delay(200);
            }
        }
        await Task.WhenAll(sessions.Select(async c =>
        {
            while (watch.Elapsed < until)
            {
                var key = Guid.NewGuid().ToString();
                acknowledged.Add((key, await UntilAnsweredAsync(c, key), watch.Elapsed.TotalSeconds));
            }
        }));
        var acks = acknowledged.OrderBy(a => a.At).ToList();
        await File.WriteAllLinesAsync(output, acks.Select(a => a.Code));
        // The longest time in which nobody's intake was acknowledged, while requests were failing: the unavailability.
        var gap = 0.0;
        for (var i = 1; i < acks.Count; i++) gap = Math.Max(gap, acks[i].At - acks[i - 1].At);
        // Replays: the first answer again, the same dossier, not a second one.
        var wrong = 0;
        foreach (var (key, code, _) in acks.Where((_, i) => i % Math.Max(1, acks.Count / 20) == 0))
            if (await UntilAnsweredAsync(sessions[0], key) != code) wrong++;
        Console.WriteLine($"drill: {acks.Count} dossiers acknowledged in {seconds} s, {failures.Count} failed attempts " +
            $"({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}); " +
            $"longest time without an acknowledgement {gap:F1} s; replayed keys answering another dossier: {wrong}");
        if (gapFile.Length > 0) await File.WriteAllTextAsync(gapFile, $"{gap:F1}");
        foreach (var c in sessions) c.Dispose();
        return wrong == 0 && acks.Count > 0 ? 0 : 1;
    }
}
