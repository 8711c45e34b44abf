using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FriendlyGov.Web.Shared;

/// <summary>
/// A field that failed validation says so to a screen reader, and says why: the field gets <c>aria-invalid="true"</c> and
/// <c>aria-describedby</c> naming its error message, so the message is read when the field takes focus, not only seen in
/// red beside it (WCAG 3.3.1 and 1.3.1). The message element of a field named <c>Input.Phone</c> has the id
/// <c>Input_Phone-error</c>. Fields bound with <c>asp-for</c> get their message from <c>asp-validation-for</c>; fields
/// named by hand (file inputs, radio groups, partials) from <c>&lt;span fg-error-for="name"&gt;</c>, which writes the
/// field's first error the same way.
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
[HtmlTargetElement("span", Attributes = ErrorForAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ErrorForAttribute = "fg-error-for";

    /// <summary>After the framework's own helpers have written the field's name and the message.</summary>
    public override int Order => 1001;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>The name of the field whose first error this element shows.</summary>
    [HtmlAttributeName(ErrorForAttribute)]
    public string? ErrorFor { get; set; }

    /// <summary>The id of the element that shows the errors of the field with this name.</summary>
    public static string MessageId(string name) => TagBuilder.CreateSanitizedId(name, "_") + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.TagName == "span")
        {
            var name = ErrorFor ?? output.Attributes["data-valmsg-for"]?.Value?.ToString();
            if (string.IsNullOrEmpty(name)) return;
            output.Attributes.SetAttribute("id", MessageId(name));
            output.Attributes.SetAttribute("data-valmsg-for", name); // the same markup as the framework's message
            if (ErrorFor is not null && FirstError(name) is { Length: > 0 } message)
                output.Content.SetContent(message); // SetContent encodes it
            return;
        }
        if (output.Attributes["name"]?.Value?.ToString() is not { Length: > 0 } field || FirstError(field) is null) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby",
            string.IsNullOrEmpty(describedBy) ? MessageId(field) : describedBy + " " + MessageId(field));
    }

    /// <summary>The field's first error message; null when the field has none.</summary>
    private string? FirstError(string name) =>
        ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
