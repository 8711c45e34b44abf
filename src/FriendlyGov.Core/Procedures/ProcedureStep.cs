using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>One step of the internal workflow: who does it and how many working days it may take.</summary>
/// <param name="Official">The login of the commune official who takes this step by default (a dossier's transfer offers them first); null: none named.</param>
public sealed record ProcedureStep(string Name, string Role, decimal BudgetDays, string? Official = null);
