using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FriendlyGov.Web.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace FriendlyGov.Tests.Integration;

/// <summary>The store on its own: content-addressed, whole files only, and altered bytes are never served.</summary>
public sealed class DirectoryFileStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fg-files-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Same_bytes_one_file_under_their_hash_and_read_back_whole()
    {
        var store = new DirectoryFileStore(_root);
        var pdf = TestFiles.Pdf("Mau don de nghi");
        var key = await store.PutAsync(pdf, default);
        Assert.Equal(key, await store.PutAsync(pdf.ToArray(), default));
        Assert.Matches("^sha256:[0-9a-f]{64}$", key);
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Equal(pdf, await store.ReadAsync(key, default));
        Assert.NotEqual(key, await store.PutAsync(TestFiles.Pdf("Mau khac"), default));
        Assert.Empty(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Altered_missing_or_made_up_files_are_errors_never_other_bytes()
    {
        var store = new DirectoryFileStore(_root);
        var key = await store.PutAsync(TestFiles.Pdf(), default);
        var path = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Single();
        await File.WriteAllBytesAsync(path, TestFiles.Pdf("Giay to gia mao"));
        await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadAsync(key, default));
        File.Delete(path);
        await Assert.ThrowsAnyAsync<IOException>(() => store.ReadAsync(key, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadAsync("sha256:../../etc/passwd", default));
    }
}

/// <summary>Two instances on one PostgreSQL database and one shared files directory (Files:Store = directory).</summary>
public sealed class FileStoreApp() : AppFixture("Postgres")
{
    public string FilesPath { get; } = Directory.CreateTempSubdirectory("fg-shared-files-").FullName;
    /// <summary>The demo's files go to this fixture's directory at its first start, not to the template's database.</summary>
    protected override bool FromTemplate => false;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Files:Store", "directory");
        builder.UseSetting("Files:Path", FilesPath);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(FilesPath, recursive: true);
    }
}

public sealed class FileStoreTests(FileStoreApp app) : IClassFixture<FileStoreApp>
{
    [Fact]
    public async Task An_upload_goes_to_the_shared_store_not_the_row_and_either_instance_serves_it()
    {
        var leader = await app.LoginAsync("chiengsinh.lanhdao");
        var pdf = TestFiles.Pdf("Quyet dinh " + Guid.NewGuid().ToString("N"));
        var created = await leader.PostAsJsonAsync("/api/v1/communes/03298/model/files",
            new { kind = "Decision", fileName = "quyet-dinh.pdf", contentBase64 = Convert.ToBase64String(pdf) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = dto.GetProperty("id").GetInt64();

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        await using (var db = app.OpenDb())
        {
            var row = await db.ModelFiles.SingleAsync(f => f.Id == id);
            Assert.Empty(row.Content);
            Assert.Equal($"sha256:{hash}", row.StoreKey);
            Assert.Equal(pdf.Length, row.Size);
        }
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Directory.GetFiles(app.FilesPath, hash, SearchOption.AllDirectories).Single()));

        var url = dto.GetProperty("url").GetString()!;
        Assert.Equal(pdf, await leader.GetByteArrayAsync(url));
        await using var second = app.WithWebHostBuilder(_ => { });
        var elsewhere = second.CreateClient(new() { AllowAutoRedirect = false });
        var supervisor = await AppFixture.SignInAsync(elsewhere, "giamsat.dienbien");
        Assert.Equal(pdf, await supervisor.GetByteArrayAsync(url));
        // The store changes nothing of who may read: another province's supervisor is still refused.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoginAsync("giamsat.thanhhoa")).GetAsync(url)).StatusCode);
    }
}
