using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Helpdesk.Mail.Authenticity;

/// <summary>Why a DNS question got no usable answer.</summary>
public sealed class DnsUnavailableException(string name, Exception? inner)
    : Exception($"DNS did not answer for {name}.", inner);

/// <summary>
/// The DNS questions sender authenticity asks (TXT for DKIM keys, SPF and DMARC; A, AAAA and MX for SPF), each with
/// a timeout. "No such record" is an empty answer; a server that does not answer or answers SERVFAIL throws
/// <see cref="DnsUnavailableException"/>, so a caller can say "dns unavailable" instead of "no record".
/// </summary>
public interface IDnsRecords
{
    Task<IReadOnlyList<string>> TxtAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> MailExchangersAsync(string name, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IDnsRecords"/> over DnsClient's <see cref="LookupClient"/>: answers cached for their TTL, "no such
/// domain" for <see cref="NegativeCacheDuration"/> (RFC 2308), and one question in flight per name and type however
/// many mails ask it at once. In a surge most mail comes from a few domains and intake checks a batch's senders
/// together: without both, hundreds of identical questions leave at once, and a resolver that drops some of them
/// costs the whole batch a timeout (measured in the breach-week drill: intake fell to 31 mails/s, docs/drill.md).
/// </summary>
public sealed class DnsClientRecords : IDnsRecords
{
    /// <summary>How long "no such domain" is believed (a resolver would use the zone's SOA minimum; this is a cap).</summary>
    public static readonly TimeSpan NegativeCacheDuration = TimeSpan.FromMinutes(5);

    private readonly LookupClient _client;
    private readonly ConcurrentDictionary<(string Name, QueryType Type), Task<IDnsQueryResponse>> _inFlight = new();

    /// <param name="servers">Name servers as "host" or "host:port"; empty: the machine's resolvers.</param>
    /// <param name="timeout">Per question, per try.</param>
    public DnsClientRecords(IReadOnlyList<string> servers, TimeSpan timeout)
    {
        var endpoints = servers.Select(ParseServer).ToArray();
        var options = endpoints.Length > 0 ? new LookupClientOptions(endpoints) : new LookupClientOptions();
        options.Timeout = timeout;
        options.Retries = 1;
        options.UseCache = true;
        options.CacheFailedResults = true;
        options.FailedResultsCacheDuration = NegativeCacheDuration;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.UseTcpFallback = true;
        _client = new LookupClient(options);
    }

    /// <summary>"127.0.0.1:5353", "[::1]:53", "10.0.0.2" (port 53).</summary>
    public static IPEndPoint ParseServer(string server)
    {
        if (IPEndPoint.TryParse(server.Trim(), out var endpoint))
        {
            if (endpoint.Port == 0) endpoint.Port = 53;
            return endpoint;
        }
        throw new FormatException($"'{server}' is not a name server address (an IP address with an optional :port).");
    }

    public async Task<IReadOnlyList<string>> TxtAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        // A TXT record may be split into several strings: they are one value, joined without spaces (RFC 7208 3.3).
        return answer.Answers.TxtRecords().Select(r => string.Concat(r.Text)).ToList();
    }

    public async Task<IReadOnlyList<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken)
    {
        var v4 = await AskAsync(name, QueryType.A, cancellationToken).ConfigureAwait(false);
        var v6 = await AskAsync(name, QueryType.AAAA, cancellationToken).ConfigureAwait(false);
        return [.. v4.Answers.ARecords().Select(r => r.Address), .. v6.Answers.AaaaRecords().Select(r => r.Address)];
    }

    public async Task<IReadOnlyList<string>> MailExchangersAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(name, QueryType.MX, cancellationToken).ConfigureAwait(false);
        return answer.Answers.MxRecords().OrderBy(r => r.Preference).Select(r => r.Exchange.Value.TrimEnd('.')).ToList();
    }

    private async Task<IDnsQueryResponse> AskAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await Shared(name.TrimEnd('.').ToLowerInvariant(), type).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException e)
        {
            throw new DnsUnavailableException(name, e);
        }
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            throw new DnsUnavailableException(name, null);
        return response;
    }

    /// <summary>
    /// The question already on its way for this name and type, or a new one. It runs without the caller's token (it
    /// ends by the client's own timeout): one caller giving up must not cancel the answer others wait for.
    /// </summary>
    private Task<IDnsQueryResponse> Shared(string name, QueryType type)
    {
        var key = (name, type);
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var running)) return running;
            var asking = new TaskCompletionSource<IDnsQueryResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_inFlight.TryAdd(key, asking.Task)) continue;
            _ = AskOnceAsync(name, type, asking, key);
            return asking.Task;
        }
    }

    private async Task AskOnceAsync(string name, QueryType type, TaskCompletionSource<IDnsQueryResponse> asking, (string, QueryType) key)
    {
        try
        {
            asking.TrySetResult(await _client.QueryAsync(name, type, QueryClass.IN, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            asking.TrySetException(e);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
