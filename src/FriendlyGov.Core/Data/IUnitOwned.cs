using FriendlyGov.Core.Domain;

namespace FriendlyGov.Core.Data;

/// <summary>A row that belongs to one commune (or a supervising unit). The tenant filter and the save guard key on it.</summary>
public interface IUnitOwned
{
    int UnitId { get; set; }
}
