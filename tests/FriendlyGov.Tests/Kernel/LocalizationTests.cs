using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FriendlyGov.Tests.Domain;

/// <summary>English is the second language: every Vietnamese text a screen asks the localizer for has its English entry.</summary>
public partial class LocalizationTests
{
    // Printed forms of Circular 03/2025 stay in Vietnamese whatever the UI language, on purpose.
    private static readonly string[] PrintedForms = ["Slip.cshtml", "Papers.cshtml", "Sheet.cshtml"];
    // Keys that differ from an existing key only by the case of their first letter share its entry (CaseTolerantLocalizer).
    private static readonly string[] SharedByCase = ["bản chính", "bản sao", "thủ tục", "hồ sơ"];

    [GeneratedRegex("L\\[\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Lookup();
    /// <summary>L.Count(n, "noun") asks for "{0} noun".</summary>
    [GeneratedRegex("L\\.Count\\([^,]+, \"([^\"]+)\"\\)")]
    private static partial Regex Counted();

    /// <summary>The web project's folder, and the names of the English resource file's entries (any case).</summary>
    private static (string Web, HashSet<string> Keys) EnglishEntries()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FriendlyGov.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var web = Path.Combine(root.FullName, "src", "FriendlyGov.Web");
        return (web, XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_screen_text_has_an_english_entry()
    {
        var (web, keys) = EnglishEntries();
        var views = Directory.GetFiles(Path.Combine(web, "Features"), "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !PrintedForms.Contains(Path.GetFileName(f))).ToList();
        Assert.True(views.Count > 30, "the view list looks incomplete");
        var missing = views.SelectMany(f => Lookup().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))
                .Concat(Counted().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: "{0} " + m.Groups[1].Value))))
            .Where(x => !keys.Contains(x.Key) && !SharedByCase.Contains(x.Key)).Select(x => $"{x.File}: {x.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English entry for:\n" + string.Join("\n", missing));
    }

    /// <summary>A string literal: a sentence a notice may show.</summary>
    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Literal();

    /// <summary>
    /// A line that sets the notice after an action: <c>this.Notice("…", values)</c>, or a page's helper that ends a use case
    /// with its "done" sentence (<c>FinishAsync</c>, <c>Run</c>, <c>RunAsync</c>), which the layout shows translated.
    /// </summary>
    [GeneratedRegex("\\bNotice\\(|\\bFinishAsync\\(|\\bawait Run\\(|=> RunAsync\\(")]
    private static partial Regex SetsNotice();

    [Fact]
    public void Every_notice_after_an_action_has_an_english_entry()
    {
        var (web, keys) = EnglishEntries();
        var notices = Directory.GetFiles(Path.Combine(web, "Features"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Where(line => SetsNotice().IsMatch(line))
                .SelectMany(line => Literal().Matches(line).Select(m => m.Groups[1].Value))
                .Where(text => text.StartsWith("Đã", StringComparison.Ordinal) || text.StartsWith("Xã đã", StringComparison.Ordinal))
                .Select(text => $"{Path.GetFileName(f)}: {text}"))
            .Distinct().ToList();
        Assert.True(notices.Count >= 40, $"the notice list looks incomplete ({notices.Count})");
        Assert.Contains(notices, n => n.EndsWith(": Đã tạo tài khoản {0}.", StringComparison.Ordinal)); // one with a value
        var missing = notices.Where(n => !keys.Contains(n[(n.IndexOf(": ", StringComparison.Ordinal) + 2)..])).ToList();
        Assert.True(missing.Count == 0, "No English entry for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void No_notice_is_built_into_its_sentence_or_carried_in_the_address()
    {
        var (web, _) = EnglishEntries();
        var offending = Directory.GetFiles(Path.Combine(web, "Features"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select(line => (File: Path.GetFileName(f), Line: line.Trim())))
            .Where(x => x.Line.Contains("Notice($\"", StringComparison.Ordinal) || x.Line.Contains("TempData[\"Notice\"] =", StringComparison.Ordinal)
                || x.Line.Contains("?ok=", StringComparison.Ordinal) || x.Line.Contains("&ok=", StringComparison.Ordinal))
            .Select(x => $"{x.File}: {x.Line}").ToList();
        Assert.True(offending.Count == 0, "Set notices with this.Notice(\"sentence {0}\", value):\n" + string.Join("\n", offending));
    }

    /// <summary>
    /// A fixed message of a rule: a form's error (<c>AddModelError(field, "…")</c>, <c>ErrorMessage = "…"</c>), a use case's
    /// violation (<c>new RuleViolation(field, "…")</c>, <c>new("Field", "…")</c>, <c>Rule(field, "…")</c>), a refusal
    /// (<c>Conflict("…")</c> and the others), or a message kept in a constant.
    /// </summary>
    [GeneratedRegex("(?:AddModelError\\([^,\"]+,\\s*|new RuleViolation\\([^,]+,\\s*|new\\(\"[^\"]*\",\\s*|Rule\\([^,]+,\\s*|(?:Conflict|Forbidden|Throttled|NotFound)\\(|ErrorMessage = |const string \\w+ = )\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex RuleMessage();

    [Fact]
    public void Every_fixed_message_of_a_rule_has_an_english_entry()
    {
        var (web, keys) = EnglishEntries();
        var core = Path.Combine(Path.GetDirectoryName(web)!, "FriendlyGov.Core");
        var vietnamese = new Regex("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", RegexOptions.IgnoreCase);
        var messages = new[] { web, core }
            .SelectMany(dir => Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !Path.GetFileName(f).StartsWith("Demo", StringComparison.Ordinal))
            .SelectMany(f => RuleMessage().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: m.Groups[1].Value)))
            // A message built with values ({0}) or a notification's text (with line breaks) is not a fixed rule message.
            .Where(x => vietnamese.IsMatch(x.Text) && !x.Text.Contains('{') && !x.Text.Contains("\\n", StringComparison.Ordinal))
            .ToList();
        Assert.True(messages.Count >= 150, $"the message list looks incomplete ({messages.Count})");
        Assert.Contains(messages, m => m.Text == "Ngày hẹn mới phải sau ngày hẹn cũ."); // a use case's rule
        var missing = messages.Where(m => !keys.Contains(m.Text)).Select(m => $"{m.File}: {m.Text}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English entry for:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex("Add\\(\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex DeskItem();

    [Fact]
    public void Every_to_do_item_of_the_desk_has_an_english_entry()
    {
        var (web, keys) = EnglishEntries();
        var texts = DeskItem().Matches(File.ReadAllText(Path.Combine(web, "Features", "Staff", "Desk.cs"))).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(texts.Count >= 10, "the desk's item list looks incomplete");
        Assert.DoesNotContain(texts, t => !keys.Contains(t));
    }
}
