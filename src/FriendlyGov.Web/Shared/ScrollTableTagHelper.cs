using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// A table's scrolling wrapper (<c>div class="table"</c>) can be reached and scrolled from the keyboard: on a phone or beside
/// a wide table it scrolls sideways, and without a tab stop a keyboard or switch user could not see the hidden columns
/// (WCAG 2.1.1; axe "scrollable-region-focusable"). It is a named group, so a screen reader says what the stop is; not a
/// region, because a page has several tables and landmarks must each have their own name.
/// </summary>
[HtmlTargetElement("div", Attributes = "[class=table]")]
public sealed class ScrollTableTagHelper(IStringLocalizer<SharedResource> l) : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("tabindex")) output.Attributes.SetAttribute("tabindex", "0");
        if (!output.Attributes.ContainsName("role")) output.Attributes.SetAttribute("role", "group");
        if (!output.Attributes.ContainsName("aria-label") && !output.Attributes.ContainsName("aria-labelledby"))
            output.Attributes.SetAttribute("aria-label", l["Bảng, cuộn ngang để xem hết"].Value);
    }
}
