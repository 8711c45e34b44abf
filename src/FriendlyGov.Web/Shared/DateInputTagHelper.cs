using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// Date fields the way Vietnamese people read and write dates, dd/mm/yyyy, whatever language the browser itself speaks (a
/// browser's own date picker follows its own locale: mm/dd/yyyy on most phones sold here). Every <c>input type="date"</c> of
/// the pages becomes a plain text field with the value written dd/mm/yyyy, a numeric keyboard and the expected pattern; the
/// binders accept dd/mm/yyyy (and yyyy-mm-dd, what programs and older links send).
/// </summary>
[HtmlTargetElement("input", Attributes = "[type=date]")]
public sealed class DateInputTagHelper : TagHelper
{
    public const string Format = "dd/MM/yyyy";
    public override int Order => 1000; // after the framework's input tag helper has written the value

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("autocomplete", "off");
        if (!output.Attributes.ContainsName("placeholder")) output.Attributes.SetAttribute("placeholder", "dd/mm/yyyy");
        output.Attributes.SetAttribute("pattern", @"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}");
        if (output.Attributes.TryGetAttribute("value", out var value) && value.Value?.ToString() is { Length: > 0 } v
            && DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            output.Attributes.SetAttribute("value", d.ToString(Format, CultureInfo.InvariantCulture));
    }

    private static readonly string[] Accepted = ["d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    /// <summary>A date as typed on the pages: dd/mm/yyyy (with / - or .) or yyyy-mm-dd, whatever the request's culture.</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Accepted, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
