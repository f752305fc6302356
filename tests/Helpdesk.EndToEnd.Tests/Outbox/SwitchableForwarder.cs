using System.Net;
using System.Net.Sockets;

namespace Helpdesk.EndToEnd.Tests.Outbox;

/// <summary>
/// A TCP forwarder in front of a real server that the test can switch off (connections refused, open ones cut) and
/// on again, to play a mail server that goes down for a while.
/// </summary>
internal sealed class SwitchableForwarder : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;

    public SwitchableForwarder(int targetPort)
    {
        _targetPort = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void SwitchOn()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptLoopAsync(_listener, _stop.Token);
    }

    public void SwitchOff()
    {
        _stop?.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop); }
            catch (Exception) { return; }
            var upstream = new TcpClient();
            try { await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, stop); }
            catch (Exception) { client.Dispose(); upstream.Dispose(); continue; }
            lock (_open) { _open.Add(client); _open.Add(upstream); }
            _ = PumpAsync(client.GetStream(), upstream.GetStream(), client, upstream);
            _ = PumpAsync(upstream.GetStream(), client.GetStream(), client, upstream);
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, TcpClient a, TcpClient b)
    {
        try { await from.CopyToAsync(to); }
        catch (Exception) { }
        a.Dispose();
        b.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        SwitchOff();
        return ValueTask.CompletedTask;
    }
}
