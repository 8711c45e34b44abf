using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>A document the applicant hands in: how many originals and copies, and the form it uses, if any.</summary>
public sealed record ProcedureDocument(string Name, int Originals, int Copies, string? Form, bool Required = true);
