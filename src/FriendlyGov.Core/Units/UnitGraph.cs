namespace FriendlyGov.Core.Domain;

/// <summary>One unit as the access rules see it: where it hangs now, where it hung before, what absorbed it.</summary>
public sealed record UnitNode(int Id, UnitLevel Level, int? ParentId, int? SuccessorId, IReadOnlyList<int> FormerParentIds);

/// <summary>
/// The administrative tree with its history, and the sets of units a person may reach.
/// A merged commune's records stay attributed to the old unit, so whoever serves the new commune must
/// also reach its predecessors; a supervisor of a former district still reads the communes it once held.
/// </summary>
public sealed class UnitGraph
{
    private readonly Dictionary<int, UnitNode> _nodes;
    private readonly Dictionary<int, List<int>> _children = new();     // current and former parent → child
    private readonly Dictionary<int, List<int>> _predecessors = new(); // successor → units merged into it

    public UnitGraph(IEnumerable<UnitNode> nodes)
    {
        _nodes = nodes.ToDictionary(n => n.Id);
        foreach (var n in _nodes.Values)
        {
            if (n.ParentId is int p) Add(_children, p, n.Id);
            foreach (var fp in n.FormerParentIds) Add(_children, fp, n.Id);
            if (n.SuccessorId is int s) Add(_predecessors, s, n.Id);
        }
    }

    public int Count => _nodes.Count;

    public UnitNode? Find(int id) => _nodes.GetValueOrDefault(id);

    /// <summary>The unit, every unit merged into it (transitively), and their villages: what a commune's staff serve.</summary>
    public IReadOnlySet<int> CommuneScope(int communeId)
    {
        var result = new HashSet<int>();
        var stack = new Stack<int>([communeId]);
        while (stack.TryPop(out var id))
        {
            if (!_nodes.ContainsKey(id) || !result.Add(id)) continue;
            foreach (var pred in _predecessors.GetValueOrDefault(id) ?? []) stack.Push(pred);
            foreach (var child in _children.GetValueOrDefault(id) ?? [])
                if (_nodes[child].Level == UnitLevel.Village) stack.Push(child);
        }
        return result;
    }

    /// <summary>The unit and everything under it, now or in the past, with predecessors of each: what a supervisor reads.</summary>
    public IReadOnlySet<int> Subtree(int unitId)
    {
        var result = new HashSet<int>();
        var stack = new Stack<int>([unitId]);
        while (stack.TryPop(out var id))
        {
            if (!_nodes.ContainsKey(id) || !result.Add(id)) continue;
            foreach (var child in _children.GetValueOrDefault(id) ?? []) stack.Push(child);
            foreach (var pred in _predecessors.GetValueOrDefault(id) ?? []) stack.Push(pred);
        }
        return result;
    }

    /// <summary>
    /// The units of a scope that can own rows: all but villages (a village's matters belong to its commune).
    /// The query filter carries only these, which keeps its IN list short: 167 ids for a province, not 3,500.
    /// </summary>
    public int[] Owners(IEnumerable<int> scope) =>
        [.. scope.Where(id => _nodes.TryGetValue(id, out var n) && n.Level != UnitLevel.Village).Order()];

    /// <summary>The unit that now carries an old unit's records: follows merges to the end.</summary>
    public int CurrentSuccessor(int unitId)
    {
        var seen = new HashSet<int>();
        var id = unitId;
        while (_nodes.TryGetValue(id, out var n) && n.SuccessorId is int next && seen.Add(id)) id = next;
        return id;
    }

    private static void Add(Dictionary<int, List<int>> map, int key, int value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
