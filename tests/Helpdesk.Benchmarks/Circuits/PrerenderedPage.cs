using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Helpdesk.Benchmarks.Circuits;

/// <summary>
/// What a browser takes from a prerendered page to start its circuit: the interactive server components' start
/// markers (<c>&lt;!--Blazor:{"type":"server",...,"descriptor":...}--&gt;</c>; the matching end markers carry only the
/// prerender id) and the persisted component state (<c>&lt;!--Blazor-Server-Component-State:...--&gt;</c>), if any.
/// </summary>
public sealed partial class PrerenderedPage
{
    public required IReadOnlyList<JsonObject> ServerMarkers { get; init; }

    public required string ApplicationState { get; init; }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerComment();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]*)-->")]
    private static partial Regex StateComment();

    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match m in MarkerComment().Matches(html))
        {
            if (JsonNode.Parse(m.Groups[1].Value) is not JsonObject marker) continue;
            if (marker["type"]?.GetValue<string>() != "server" || marker["descriptor"] is null) continue;
            markers.Add(marker);
        }
        var state = StateComment().Match(html);
        return new PrerenderedPage { ServerMarkers = markers, ApplicationState = state.Success ? state.Groups[1].Value : "" };
    }

    /// <summary>
    /// The first UpdateRootComponents batch: one "add" per server marker, numbered from 1 in document order, as the
    /// browser script numbers the components it finds.
    /// </summary>
    public string AddOperationsJson(int batchId = 1)
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerMarkers.Count; i++)
        {
            var marker = (JsonObject)ServerMarkers[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }
        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString();
    }

    /// <summary>The antiforgery token a form on the page carries.</summary>
    public static string? AntiforgeryToken(string html)
    {
        var m = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"");
        if (!m.Success) m = Regex.Match(html, "<input[^>]*value=\"([^\"]*)\"[^>]*name=\"__RequestVerificationToken\"");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }
}
