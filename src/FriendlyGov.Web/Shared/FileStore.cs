using System.Security.Cryptography;
using FriendlyGov.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Where uploaded files live outside the database. Content-addressed: a file's key is its SHA-256, so writing the same
/// file twice (a retried request, a photo copied to a transferred petition) stores it once, and a key can never point at
/// other bytes. An S3-compatible store implements the same two calls (PUT and GET of an object named by the key).
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the bytes (durably, before it returns) and answers their key.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>The bytes under a key, checked against it; a missing or altered file is an error, never other bytes.</summary>
    Task<byte[]> ReadAsync(string key, CancellationToken ct);
}

/// <summary>
/// A directory every instance mounts (<c>Files:Store = directory</c>, <c>Files:Path</c>: an NFS or cluster file system path
/// in a deployment of several instances). Files are written to a temporary name, flushed and renamed, so a crash leaves
/// either the whole file or none; they are never changed or deleted by the app.
/// </summary>
public sealed class DirectoryFileStore(string root) : IFileStore
{
    private const string Prefix = "sha256:";

    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(hash);
        if (File.Exists(path)) return Prefix + hash;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await f.WriteAsync(content, ct);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true); // another instance may have stored the same bytes meanwhile: same name, same bytes
        return Prefix + hash;
    }

    public async Task<byte[]> ReadAsync(string key, CancellationToken ct)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length != Prefix.Length + 64 || !key[Prefix.Length..].All(char.IsAsciiHexDigitLower))
            throw new InvalidOperationException($"Not a file store key: {key}");
        var hash = key[Prefix.Length..];
        var bytes = await File.ReadAllBytesAsync(PathOf(hash), ct);
        if (!Convert.ToHexStringLower(SHA256.HashData(bytes)).Equals(hash, StringComparison.Ordinal))
            throw new InvalidDataException($"The stored file {key} does not match its hash: it was altered outside the app.");
        return bytes;
    }

    private string PathOf(string hash) => Path.Combine(Root, hash[..2], hash[2..4], hash);
}

/// <summary>
/// Moves the bytes of every new file row to the configured store before the row is written (a save interceptor of the
/// kernel, so no use case can forget it), and reads them back for a download. Without a store (the default) the bytes stay
/// in the row. A file already stored keeps its key: a copy of a row carries the key, not the bytes.
/// </summary>
public sealed class StoredFiles(IConfiguration config, IHostEnvironment env) : SaveChangesInterceptor
{
    private readonly Lazy<IFileStore?> _store = new(() => config["Files:Store"]?.ToLowerInvariant() switch
    {
        null or "" or "database" => null,
        "directory" => new DirectoryFileStore(Path.Combine(env.ContentRootPath, config["Files:Path"] is { Length: > 0 } p ? p : "data/files")),
        var other => throw new InvalidOperationException($"Files:Store must be database or directory, not '{other}'."),
    });

    /// <summary>The store, or null when files are kept in the database.</summary>
    public IFileStore? Store => _store.Value;

    /// <summary>The file's bytes, wherever they are.</summary>
    public async Task<byte[]> ReadAsync(IStoredFile file, CancellationToken ct = default) =>
        file.StoreKey is not { } key ? file.Content
        : Store is { } store ? await store.ReadAsync(key, ct)
        : throw new InvalidOperationException("A file is in the file store, but Files:Store is not configured.");

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (Store is { } store && eventData.Context is { } db)
            foreach (var entry in db.ChangeTracker.Entries<IStoredFile>().Where(e => e.State == EntityState.Added))
                if (entry.Entity is { StoreKey: null, Content.Length: > 0 } file)
                {
                    file.StoreKey = await store.PutAsync(file.Content, ct);
                    file.Content = [];
                }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Store is not null && eventData.Context?.ChangeTracker.Entries<IStoredFile>().Any(e => e.State == EntityState.Added && e.Entity.StoreKey is null) == true)
            throw new InvalidOperationException("Files are stored by an asynchronous save (SaveChangesAsync).");
        return result;
    }
}
