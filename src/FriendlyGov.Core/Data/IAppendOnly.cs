using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>Rows that are never changed or deleted once written (ratings): the context refuses, and so does the database.</summary>
public interface IAppendOnly;
