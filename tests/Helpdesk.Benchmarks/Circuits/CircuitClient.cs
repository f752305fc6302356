using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Benchmarks.Circuits;

/// <summary>
/// One agent's console without a browser: signs in over HTTP, loads the prerendered page, and holds the page's Blazor
/// circuit open over SignalR the way the browser script does (StartCircuit, then UpdateRootComponents with the page's
/// server components and persisted state), acknowledging every render batch and answering the server's JS calls as a
/// browser with the page's scripts would for the calls the answer page makes, with a neutral result for the rest.
/// It keeps nothing of the batches but the ticket number the page shows (<c>data-ticket</c>) and counts.
/// </summary>
public sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly Uri _baseUri;
    private readonly CookieContainer _cookies = new();
    private HubConnection? _hub;
    private long _jsObjectIds;
    private readonly TaskCompletionSource<long> _ticket = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _deflate;

    /// <param name="deflate">
    /// Ask for compressed WebSocket frames (permessage-deflate), as browsers do and Blazor accepts by default: the server
    /// then keeps a compressor per connection, outside the managed heap but in its RSS.
    /// </param>
    public CircuitClient(Uri baseUri, bool deflate = true)
    {
        _baseUri = baseUri;
        _deflate = deflate;
    }

    public string? User { get; private set; }

    public int Batches;
    public int JsCalls;
    public string? Error { get; private set; }
    public long? Ticket => _ticket.Task.IsCompletedSuccessfully ? _ticket.Task.Result : null;
    public int Components { get; private set; }
    public bool Connected => _hub?.State == HubConnectionState.Connected;
    public bool HadState { get; private set; }
    /// <summary>JS identifiers the server called, for the record (first few only).</summary>
    public List<string> Calls { get; } = [];

    [GeneratedRegex(@"data-ticket[\x01-\x14](\d{1,20})")]
    private static partial Regex TicketInBatch();

    public HttpClient NewHttp()
    {
        var handler = new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false };
        return new HttpClient(handler) { BaseAddress = _baseUri, Timeout = TimeSpan.FromMinutes(3) };
    }

    /// <summary>The sign-in form (its antiforgery token and fields), then the second step for an account that has one.</summary>
    public async Task SignInAsync(string user, string password, string returnUrl, CancellationToken ct)
    {
        User = user;
        using var http = NewHttp();
        var page = await http.GetStringAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), ct);
        var form = new Dictionary<string, string> { ["username"] = user, ["password"] = password, ["returnUrl"] = returnUrl };
        if (PrerenderedPage.AntiforgeryToken(page) is { } token) form["__RequestVerificationToken"] = token;
        using var posted = await http.PostAsync("/account/signin", new FormUrlEncodedContent(form), ct);
        var location = posted.Headers.Location?.OriginalString ?? "";
        if (location.StartsWith(Helpdesk.Web.Account.AccountEndpoints.CodePath, StringComparison.Ordinal))
        {
            var codePage = await http.GetStringAsync(location, ct);
            var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(Helpdesk.Demo.DemoDataSeeder.DemoAuthenticatorKey)).ComputeTotp(DateTime.UtcNow);
            var second = new Dictionary<string, string> { ["code"] = code, ["returnUrl"] = returnUrl };
            if (PrerenderedPage.AntiforgeryToken(codePage) is { } t2) second["__RequestVerificationToken"] = t2;
            using var coded = await http.PostAsync(Helpdesk.Web.Account.AccountEndpoints.CodePostPath, new FormUrlEncodedContent(second), ct);
            location = coded.Headers.Location?.OriginalString ?? "";
        }
        if ((int)posted.StatusCode / 100 != 3 || location.StartsWith("/signin", StringComparison.Ordinal) || location != returnUrl)
            throw new InvalidOperationException($"{user}: sign-in answered {(int)posted.StatusCode} to {location}");
    }

    /// <summary>Loads the page, starts its circuit and waits until the page shows a ticket.</summary>
    public async Task OpenAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        string html;
        using (var http = NewHttp())
        {
            using var response = await http.GetAsync(path, ct);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{User}: {path} answered {(int)response.StatusCode} {response.Headers.Location}");
            html = await response.Content.ReadAsStringAsync(ct);
        }
        var page = PrerenderedPage.Parse(html);
        Components = page.ServerMarkers.Count;
        HadState = page.ApplicationState.Length > 0;
        if (Components == 0) throw new InvalidOperationException($"{User}: {path} carries no interactive server component");

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(_baseUri, "_blazor"), o =>
            {
                o.Cookies = _cookies;
                o.Transports = HttpTransportType.WebSockets;
                if (_deflate) o.WebSocketConfiguration = ws => ws.DangerousDeflateOptions = new System.Net.WebSockets.WebSocketDeflateOptions();
            });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        _hub = builder.Build();
        _hub.ServerTimeout = TimeSpan.FromMinutes(2); // hundreds of circuits on a loaded two-core machine
        _hub.HandshakeTimeout = TimeSpan.FromMinutes(1);
        On("JS.RenderBatch", OnRenderBatchAsync);
        On("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        On("JS.Error", a => { Error ??= a.Length > 0 ? a[0]?.ToString() : "error"; _ticket.TrySetException(new InvalidOperationException(Error)); return Task.CompletedTask; });
        foreach (var quiet in new[] { "JS.EndInvokeDotNet", "JS.EndUpdateRootComponents", "JS.AttachComponent", "JS.EndLocationChanging",
                     "JS.ReceiveByteArray", "JS.BeginTransmitStream", "JS.SavePersistedState" })
            On(quiet, _ => Task.CompletedTask);
        _hub.Closed += e => { if (!_ticket.Task.IsCompleted) _ticket.TrySetException(e ?? new InvalidOperationException("connection closed")); return Task.CompletedTask; };
        await _hub.StartAsync(ct);

        var pageUri = new Uri(_baseUri, path).ToString();
        var secret = await _hub.InvokeAsync<string?>("StartCircuit", _baseUri.ToString(), pageUri, "[]", "", ct);
        if (string.IsNullOrEmpty(secret)) throw new InvalidOperationException($"{User}: StartCircuit refused ({Error})");
        await _hub.SendAsync("UpdateRootComponents", page.AddOperationsJson(), page.ApplicationState, ct);
        await _ticket.Task.WaitAsync(timeout, ct);
    }

    private void On(string name, Func<object?[], Task> handler) =>
        _hub!.On(name, [typeof(object[])], (args, _) => handler((object?[])args[0]!), this);

    private async Task OnRenderBatchAsync(object?[] args)
    {
        var id = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
        Interlocked.Increment(ref Batches);
        if (args.Length > 1 && args[1] is byte[] batch && !_ticket.Task.IsCompleted)
        {
            // The batch's string table holds each string once, length first; an attribute's value follows its name.
            var m = TicketInBatch().Match(Encoding.Latin1.GetString(batch));
            if (m.Success && m.Groups[1].Value.Length == m.Value["data-ticket".Length])
                _ticket.TrySetResult(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        await _hub!.SendAsync("OnRenderCompleted", id, null);
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        Interlocked.Increment(ref JsCalls);
        long taskId;
        string identifier;
        int resultType;
        if (args.Length == 1 && args[0] is string json && json.StartsWith('{'))
        {
            // Should a release send the call as one JSON object instead of its parts.
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            taskId = r.GetProperty("asyncHandle").GetInt64();
            identifier = r.GetProperty("identifier").GetString() ?? "";
            resultType = r.TryGetProperty("resultType", out var rt) ? rt.GetInt32() : 0;
        }
        else
        {
            taskId = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
            identifier = args[1] as string ?? "";
            resultType = args.Length > 3 && args[3] is not null ? Convert.ToInt32(args[3], CultureInfo.InvariantCulture) : 0;
        }
        lock (Calls) if (Calls.Count < 40) Calls.Add(identifier);
        if (taskId == 0) return; // fire-and-forget call: no answer expected
        var result = resultType switch
        {
            1 => $"{{\"__jsObjectId\":{Interlocked.Increment(ref _jsObjectIds)}}}", // an IJSObjectReference (import of a module)
            _ => identifier switch
            {
                "keptLength" => "0", // answer.js: no draft kept in this "browser"
                "Blazor._internal.navigationManager.getBaseURI" => JsonSerializer.Serialize(_baseUri.ToString()),
                _ => "null",
            },
        };
        var payload = $"[{taskId.ToString(CultureInfo.InvariantCulture)},true,{result}]";
        await _hub!.SendAsync("EndInvokeJSFromDotNet", taskId, true, payload);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }
}
