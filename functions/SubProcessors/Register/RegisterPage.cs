using System.Text;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.SubProcessors;

/// <summary>The register as a small, script-free HTML page (every value encoded), for people and for embedding.</summary>
public static class RegisterPage
{
    public static string Html(string processorName, IReadOnlyList<SubProcessor> entries)
    {
        static string E(string text) => TextTemplate.Encode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(processorName)).Append(": sub-processors</title>")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Sub-processor changes\" href=\"subprocessors/feed\">")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}")
            .Append("th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}</style></head><body>")
            .Append("<h1>").Append(E(processorName)).Append(": sub-processors</h1>")
            .Append("<table><thead><tr><th>Name</th><th>Legal entity</th><th>Purpose</th><th>Data categories</th><th>Locations</th>")
            .Append("<th>Transfer safeguard</th><th>Products</th><th>Since</th></tr></thead><tbody>");
        foreach (var e in entries)
        {
            html.Append("<tr><td><a href=\"").Append(E(e.Website)).Append("\" rel=\"noopener noreferrer\">").Append(E(e.Name)).Append("</a></td>")
                .Append("<td>").Append(E(e.LegalEntity)).Append("</td><td>").Append(E(e.Purpose)).Append("</td>")
                .Append("<td>").Append(E(string.Join(", ", e.DataCategories))).Append("</td><td>").Append(E(string.Join(", ", e.Locations))).Append("</td>")
                .Append("<td>").Append(E(e.Transfer is { } t ? $"{t.Mechanism}: {t.Reference}" : "—")).Append("</td>")
                .Append("<td>").Append(E(e.Products.Count == 0 ? "all" : string.Join(", ", e.Products))).Append("</td>")
                .Append("<td>").Append(E(e.Since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append("</td></tr>");
        }
        if (entries.Count == 0) html.Append("<tr><td colspan=\"8\">No sub-processors.</td></tr>");
        html.Append("</tbody></table><p><a href=\"subprocessors/changes\">Announced changes</a> · <a href=\"subprocessors/feed\">Atom feed</a></p></body></html>");
        return html.ToString();
    }
}
