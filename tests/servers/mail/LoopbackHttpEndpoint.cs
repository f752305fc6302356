using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Helpdesk.Testing.Mail;

/// <summary>
/// A small HTTP server on 127.0.0.1 (HttpListener) standing in for an identity provider in tests: the token
/// endpoints of Microsoft Entra and Google, and the token introspection URL Dovecot's oauth2 passdb calls. Every
/// request is recorded; the handler decides each answer.
/// </summary>
public sealed class LoopbackHttpEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<Request, Response> _handler;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Task _loop;

    public LoopbackHttpEndpoint(Func<Request, Response> handler)
    {
        _handler = handler;
        (_listener, Port) = Listen();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:PORT, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<Request> Requests => [.. _requests];

    /// <summary>
    /// An HTTP client sending every request here, path and query kept: for libraries that accept only https URLs of
    /// their provider (MSAL's authorities) yet let the caller hand them the HttpClient.
    /// </summary>
    public HttpClient RedirectingClient() => new(new Redirect(BaseUrl));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The listener was stopped while waiting for a request: the normal way out.
        }
    }

    private static (HttpListener, int) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            // A free port from the system; another process may take it before HttpListener does, hence the retry.
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, body);
            _requests.Enqueue(request);
            Response response;
            try
            {
                response = _handler(request);
            }
            catch (Exception e)
            {
                response = new Response(500, e.ToString(), "text/plain");
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private sealed class Redirect(string baseUrl) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(baseUrl + request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public sealed record Request(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        /// <summary>The body as application/x-www-form-urlencoded fields.</summary>
        public IReadOnlyDictionary<string, string> Form =>
            Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
    }

    public sealed record Response(int Status, string Body, string ContentType = "application/json")
    {
        public static Response Json(string json, int status = 200) => new(status, json);
    }
}
