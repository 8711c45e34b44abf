using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>One step of the internal workflow: who does it and how many working days it may take.</summary>
public sealed record ProcedureStep(string Name, string Role, decimal BudgetDays);
