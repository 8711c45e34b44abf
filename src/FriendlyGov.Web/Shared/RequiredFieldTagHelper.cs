using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// A person sees which fields must be filled before sending a form, not after: the label of a required field ends with a
/// red star, the field is <c>aria-required</c> for a screen reader, and a form that has such a field says once at its top
/// what the star means. A field is required when its property carries <c>[Required]</c> (fields bound with
/// <c>asp-for</c>), or when the label (or a radio group's legend) and the field are marked <c>fg-required</c> in the page (fields a domain rule
/// requires, and fields named by hand). The pages' own <c>required</c> attribute is left as it is: the forms are checked on
/// the server, in Vietnamese, whatever the browser.
/// </summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("label", Attributes = Marker)]
[HtmlTargetElement("input", Attributes = Marker)]
[HtmlTargetElement("select", Attributes = Marker)]
[HtmlTargetElement("textarea", Attributes = Marker)]
[HtmlTargetElement("legend", Attributes = Marker)]
[HtmlTargetElement("form")]
public sealed class RequiredFieldTagHelper(IStringLocalizer<SharedResource> l) : TagHelper
{
    private const string Marker = "fg-required";
    private const string Star = """<span class="req" aria-hidden="true"> *</span>""";

    /// <summary>After the framework's helpers have written the label's text and the field's type.</summary>
    public override int Order => 1002;

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (output.TagName == "form")
        {
            var content = await output.GetChildContentAsync();
            if (!content.GetContent().Contains(Star, StringComparison.Ordinal)) return;
            var note = new TagBuilder("p");
            note.AddCssClass("required-note");
            note.InnerHtml.Append(l["Các mục có dấu * là bắt buộc."].Value);
            output.PreContent.AppendHtml(note);
            return;
        }
        var marked = output.Attributes.ContainsName(Marker);
        output.Attributes.RemoveAll(Marker);
        if (!marked && For?.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any() != true) return;
        // A group of radio buttons (each of which is required to the browser) is named by its legend: the legend has the star.
        if (output.TagName is "label" or "legend")
        {
            output.PostContent.AppendHtml(Star);
            return;
        }
        // A checkbox, a radio button or a file input has no aria-required in ARIA; their group's legend carries the star.
        var type = output.Attributes["type"]?.Value?.ToString();
        if (output.TagName == "input" && type is "checkbox" or "radio" or "file" or "hidden") return;
        output.Attributes.SetAttribute("aria-required", "true");
    }
}
