using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>
/// A row that carries an uploaded file (a dossier's document, a petition's photo, a procedure's form, a disclosure's
/// attachment, a model record). The bytes are in <see cref="Content"/> (the database store, the default: a backup holds
/// everything) or, with a file store configured, in the store under <see cref="StoreKey"/> with <see cref="Content"/> empty.
/// </summary>
public interface IStoredFile
{
    byte[] Content { get; set; }
    /// <summary>Where the store keeps the bytes ("sha256:…", named by their hash); null while they are in the row.</summary>
    [NotPersonal] string? StoreKey { get; set; }
}
