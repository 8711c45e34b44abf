using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using FriendlyGov.Core.Data;
using FriendlyGov.Core.Domain;
using Microsoft.EntityFrameworkCore;

// What tenant isolation costs on every request, as ratios against a bare baseline in the same run:
// computing a person's reachable units from the tree, and reading through the query filter.
BenchmarkSwitcher.FromAssembly(typeof(ScopeBenchmarks).Assembly).Run(args);

/// <summary>A province the size of Thanh Hóa after 2025: 166 communes, 20 villages each, a tenth of them merged.</summary>
public static class Province
{
    public const int Communes = 166, VillagesPerCommune = 20;

    public static List<UnitNode> Nodes()
    {
        var nodes = new List<UnitNode> { new(1, UnitLevel.Province, null, null, []) };
        var id = 100;
        for (var c = 0; c < Communes; c++)
        {
            var commune = id++;
            int? successor = c % 10 == 9 ? commune - 1 : null; // every tenth commune merged into its neighbour
            nodes.Add(new(commune, UnitLevel.Commune, 1, successor, []));
            for (var v = 0; v < VillagesPerCommune; v++) nodes.Add(new(id++, UnitLevel.Village, commune, null, []));
        }
        return nodes;
    }
}

[MemoryDiagnoser]
[ShortRunJob]
public class ScopeBenchmarks
{
    private List<UnitNode> _nodes = null!;
    private UnitGraph _graph = null!;
    private int _commune;

    [GlobalSetup]
    public void Setup()
    {
        _nodes = Province.Nodes();
        _graph = new UnitGraph(_nodes);
        _commune = _nodes.Last(n => n.Level == UnitLevel.Commune && n.SuccessorId is null).Id - Province.VillagesPerCommune - 1;
    }

    /// <summary>Bare baseline: the set of every unit id, built straight from the list.</summary>
    [Benchmark(Baseline = true)]
    public int AllIdsIntoAHashSet() => _nodes.Select(n => n.Id).ToHashSet().Count;

    [Benchmark]
    public int SupervisorScope_ProvinceSubtree() => _graph.Subtree(1).Count;

    [Benchmark]
    public int StaffScope_CommuneWithMergedNeighbour() => _graph.CommuneScope(_commune).Count;
}

[MemoryDiagnoser]
[ShortRunJob]
public class FilterBenchmarks
{
    private const int RowsPerCommune = 200;
    private string _path = null!;
    private DbContextOptions<AppDbContext> _options = null!;
    private int[] _commune = null!, _province = null!;
    private int _communeId;

    private sealed class Scope(int[] ids) : IUnitScope
    {
        public bool IsRestricted => true;
        public int[] ReadableUnitIds => ids;
        public bool CanRead(int unitId) => ids.Contains(unitId);
        public bool CanWrite(int unitId) => ids.Contains(unitId);
        public int? HomeUnitId => null;
        public string? ActorId => null;
        public string? ActorName => "bench";
    }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"fg-bench-{Guid.NewGuid():N}.db");
        _options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={_path}", x => x.MigrationsAssembly("FriendlyGov.Migrations.Sqlite")).Options;
        using var db = new AppDbContext(_options);
        db.Database.Migrate();
        var nodes = Province.Nodes();
        var conn = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        conn.Open();
        using (var tx = conn.BeginTransaction())
        {
            // Rows written directly: this measures reads, and the audit trail is not what is being timed.
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO \"Units\" (\"Id\",\"Code\",\"Name\",\"Type\",\"Level\",\"ParentId\",\"EffectiveFrom\",\"Version\") VALUES ($i,$c,$n,$t,$l,$p,'2004-01-01',0)";
            foreach (var n in nodes)
            {
                cmd.Parameters.Clear();
                cmd.Parameters.AddWithValue("$i", n.Id); cmd.Parameters.AddWithValue("$c", "B" + n.Id); cmd.Parameters.AddWithValue("$n", "Đơn vị " + n.Id);
                cmd.Parameters.AddWithValue("$t", (int)(n.Level == UnitLevel.Province ? UnitType.Province : n.Level == UnitLevel.Commune ? UnitType.Commune : UnitType.Village));
                cmd.Parameters.AddWithValue("$l", (int)n.Level); cmd.Parameters.AddWithValue("$p", (object?)n.ParentId ?? DBNull.Value);
                cmd.ExecuteNonQuery();
            }
            cmd.CommandText = "INSERT INTO \"AuditEntries\" (\"Seq\",\"UnitId\",\"At\",\"Action\",\"Entity\",\"EntityId\",\"Changes\",\"PrevHash\",\"Hash\") VALUES ($s,$u,'2025-07-01 00:00:00','Added','X','1','{}','0','0')";
            var seq = 0;
            foreach (var c in nodes.Where(n => n.Level == UnitLevel.Commune))
                for (var r = 0; r < RowsPerCommune; r++)
                {
                    cmd.Parameters.Clear();
                    cmd.Parameters.AddWithValue("$s", ++seq); cmd.Parameters.AddWithValue("$u", c.Id);
                    cmd.ExecuteNonQuery();
                }
            tx.Commit();
        }
        var graph = new UnitGraph(nodes);
        _communeId = nodes.First(n => n.Level == UnitLevel.Commune).Id;
        // What the scope hands the filter: row-owning units only, as HttpUnitScope does.
        _commune = graph.Owners(graph.CommuneScope(_communeId));
        _province = graph.Owners(graph.Subtree(1));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    /// <summary>Bare baseline: the same rows asked for by an explicit unit condition, with the filter off.</summary>
    [Benchmark(Baseline = true)]
    public int CommuneRows_ExplicitWhere()
    {
        using var db = new AppDbContext(_options);
        return db.AuditEntries.IgnoreQueryFilters().Count(a => a.UnitId == _communeId);
    }

    [Benchmark]
    public int CommuneRows_ThroughStaffFilter()
    {
        using var db = AppDbContext.Create(_options, new Scope(_commune));
        return db.AuditEntries.Count();
    }

    [Benchmark]
    public int ProvinceRows_ThroughSupervisorFilter()
    {
        using var db = AppDbContext.Create(_options, new Scope(_province));
        return db.AuditEntries.Count();
    }

    [Benchmark]
    public int ProvinceRows_Unfiltered()
    {
        using var db = new AppDbContext(_options);
        return db.AuditEntries.Count();
    }
}

/// <summary>
/// What the petition list costs for computing each petition's clock on read (deadline moved by pauses, overdue, escalation
/// to the leader or the supervisor) instead of trusting a stored date, and the duplicate hint over a commune's open
/// petitions; ratios against comparing stored dates and a plain substring search over the same rows.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PetitionBenchmarks
{
    private const int Open = 2000; // a province's open petitions on a supervisor's list
    private WorkingCalendar _calendar = null!;
    private (DateTime Start, DateTime Due, double Paused)[] _rows = null!;
    private string[] _texts = null!;
    private DateTime _now;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = new WorkingCalendar(AnnouncedDays.Known, OfficeHours.Default);
        var random = new Random(5);
        _now = new DateTime(2025, 11, 25, 10, 0, 0);
        _rows = Enumerable.Range(0, Open).Select(_ =>
        {
            var start = _now.AddDays(-random.Next(0, 40)).AddMinutes(random.Next(0, 600));
            return (start, start.AddDays(21), random.Next(0, 4) == 0 ? random.Next(0, 2000) : 0.0);
        }).ToArray();
        string[] words = ["đường", "sạt", "lở", "bản", "Hới", "Ná", "rác", "suối", "đèn", "hỏng", "cầu", "treo", "ván", "gãy", "nước", "cống", "tắc", "trường", "học", "xe"];
        _texts = Enumerable.Range(0, 300).Select(_ => string.Join(' ', Enumerable.Range(0, 25).Select(_ => words[random.Next(words.Length)]))).ToArray();
    }

    /// <summary>Bare baseline: overdue from a stored date.</summary>
    [Benchmark(Baseline = true)]
    public int StoredDueDates() => _rows.Count(r => r.Due < _now);

    [Benchmark]
    public int ClockOnTheCalendar()
    {
        var escalated = 0;
        foreach (var (start, _, paused) in _rows)
        {
            var due = PetitionClock.DueAsOf(_calendar, start, 15, paused, null, _now);
            if (PetitionClock.EscalationAt(_calendar, due, _now, false, PetitionDeadlines.Default) == Escalation.Supervisor) escalated++;
        }
        return escalated;
    }

    /// <summary>Bare baseline of the duplicate hint: a substring search of the new text's first word over the open petitions.</summary>
    [Benchmark]
    public int SubstringOverOpenPetitions() => _texts.Count(t => t.Contains("sạt lở", StringComparison.Ordinal));

    [Benchmark]
    public int SimilarityOverOpenPetitions()
    {
        var words = PetitionSimilarity.Words(_texts[0]);
        return _texts.Count(t => PetitionSimilarity.Score(words, t) >= PetitionSimilarity.Threshold);
    }
}
