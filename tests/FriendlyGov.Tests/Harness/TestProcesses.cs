using System.Diagnostics;
using System.Net;

namespace FriendlyGov.Tests.Integration;

/// <summary>The real app as its own process, for tests that need a real server (kill -9, a reverse proxy in front).</summary>
public static class TestProcesses
{
    public static int FreePort() => LoopbackPorts.Free();

    public static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "FriendlyGov.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("FriendlyGov.sln not found above the test binaries");
    }

    /// <summary>Starts the built app on the port with the given environment, and waits until /health answers.</summary>
    public static async Task<Process> StartAppAsync(int port, Dictionary<string, string> environment, Action<string>? onOutput = null)
    {
        var root = RepoRoot();
        var dll = Path.Combine(root, "src/FriendlyGov.Web/bin/Debug/net10.0/FriendlyGov.Web.dll");
        var psi = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.Combine(root, "src/FriendlyGov.Web"), RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var app = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        app.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            onOutput?.Invoke(e.Data);
            if (output.Count < 200) output.Enqueue(e.Data);
        };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null && output.Count < 200) output.Enqueue(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (app.HasExited) throw new InvalidOperationException($"The app exited with {app.ExitCode}: {string.Join("\n", output)}");
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not answer /health");
    }
}
