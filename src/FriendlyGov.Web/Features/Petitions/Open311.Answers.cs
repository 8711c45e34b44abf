using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace FriendlyGov.Web.Features.Petitions;

/// <summary>How Open311 answers: the specification's field order, JSON or XML as the path asks, and its error list.</summary>
public static partial class Open311
{
    /// <summary>
    /// Every refusal on an Open311 path that its endpoint does not answer itself (an unknown path, a wrong method, a body or
    /// query the request guard refuses, a server fault) in the specification's error list and the format the path asks for,
    /// not as RFC 7807 problem details: an Open311 client reads one error format.
    /// </summary>
    private sealed class ProblemWriter : Microsoft.AspNetCore.Http.IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments(Root);

        public async ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
            var description = context.ProblemDetails.Detail ?? context.ProblemDetails.Title
                ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
            await Error(FormatOfPath(http.Request.Path), status, description).ExecuteAsync(http);
        }
    }

    /// <summary>The format an Open311 path asks for by its extension; JSON when it names none.</summary>
    private static Fmt FormatOfPath(PathString path) => path.Value!.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? Fmt.Xml : Fmt.Json;

    /// <summary>An element of the answer, fields in the specification's order.</summary>
    private sealed class Node : List<KeyValuePair<string, object?>>
    {
        public Node Add(string name, object? value) { base.Add(new(name, value)); return this; }
    }

    /// <summary>XML names of the items of each list (JSON arrays carry none).</summary>
    private static readonly Dictionary<string, string> ItemNames = new()
    {
        ["services"] = "service", ["service_requests"] = "request", ["errors"] = "error", ["attributes"] = "attribute",
        ["values"] = "value", ["endpoints"] = "endpoint", ["formats"] = "format",
    };

    private enum Fmt { Json, Xml }

    private static Fmt? Format(string format) => format switch { "json" => Fmt.Json, "xml" => Fmt.Xml, _ => null };

    /// <summary>A format the specification does not know: there is no format to answer in, so plain JSON errors.</summary>
    private static IResult BadFormat() => Error(Fmt.Json, 400, "The response format must be .json or .xml");

    private static IResult NoJurisdiction(Fmt f, string? id) => string.IsNullOrWhiteSpace(id)
        ? Error(f, 400, "jurisdiction_id is required: the official code of the commune (e.g. 03298)")
        : Error(f, 404, $"jurisdiction_id {id} not found");

    private static IResult Error(Fmt f, int status, string description) =>
        Write(f, "errors", [new Node().Add("code", status).Add("description", description)], status);

    private static IResult Write(Fmt f, string root, List<Node> items, int status = 200) => Emit(f, root, items, status);

    private static IResult WriteOne(Fmt f, string root, Node node) => Emit(f, root, node, 200);

    private static IResult Emit(Fmt f, string root, object value, int status)
    {
        if (f == Fmt.Json)
        {
            var json = JsonSerializer.Serialize(ToPlain(value), new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            return Results.Text(json, "application/json; charset=utf-8", Encoding.UTF8, status);
        }
        // The specification asks for the declaration with encoding="UTF-8" before the root element.
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        using (var w = XmlWriter.Create(new StringWriter(sb, CultureInfo.InvariantCulture), new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
            WriteXml(w, root, value);
        return Results.Text(sb.ToString(), "text/xml; charset=utf-8", Encoding.UTF8, status);
    }

    private static object? ToPlain(object? v) => v switch
    {
        Node n => n.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        System.Collections.IEnumerable e and not string => e.Cast<object?>().Select(ToPlain).ToList(),
        _ => v,
    };

    private static string XmlText(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
            if (XmlConvert.IsXmlChar(s[i])) sb.Append(s[i]);
            else if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i])) sb.Append(s, i++, 2);
        return sb.ToString();
    }

    private static void WriteXml(XmlWriter w, string name, object? v)
    {
        w.WriteStartElement(name);
        switch (v)
        {
            case Node n:
                foreach (var (k, val) in n) WriteXml(w, k, val);
                break;
            case System.Collections.IEnumerable e and not string:
                var item = ItemNames.GetValueOrDefault(name, "item");
                foreach (var x in e) WriteXml(w, item, x);
                break;
            case bool b: w.WriteString(b ? "true" : "false"); break;
            case double d: w.WriteString(d.ToString(CultureInfo.InvariantCulture)); break;
            case null: break;
            // What a client sent may be echoed back (an unknown id): characters XML cannot carry are dropped, not thrown on.
            default: w.WriteString(XmlText(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")); break;
        }
        w.WriteEndElement();
    }
}
