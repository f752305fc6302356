using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MessagePack;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Helpdesk.Benchmarks.Circuits;

/// <summary>
/// Blazor's hub accepts only the protocol it calls "blazorpack": SignalR's MessagePack hub protocol under another name.
/// Writing is the MessagePack protocol's. Reading an invocation from the server is done here, loosely: the JS.* calls'
/// argument lists differ between releases (and the stock reader drops a call whose argument count differs from the
/// handler's), so every argument is decoded as what it is (integer, string, bytes, ...) and handed to the handler as one
/// object[]; register handlers with <c>On(name, [typeof(object[])], ...)</c>. Completions, pings and closes go to the
/// MessagePack protocol as they are.
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";

    public int Version => 1;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => version == Version;

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        message = null;
        if (!TryReadFrame(input, out var payload)) return false;
        var reader = new MessagePackReader(payload);
        reader.ReadArrayHeader();
        if (reader.ReadInt32() != HubProtocolConstants.InvocationMessageType)
            return _inner.TryParseMessage(ref input, binder, out message);
        reader.Skip(); // headers
        var invocationId = reader.TryReadNil() ? null : reader.ReadString();
        var target = reader.ReadString() ?? "";
        var count = reader.ReadArrayHeader();
        var arguments = new object?[count];
        for (var i = 0; i < count; i++) arguments[i] = ReadValue(ref reader);
        message = new InvocationMessage(invocationId, target, new object?[] { arguments });
        input = input.Slice(payload.End);
        return true;
    }

    /// <summary>A frame is its length (7 bits a byte, low first) and then that many bytes of MessagePack.</summary>
    internal static bool TryReadFrame(ReadOnlySequence<byte> input, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        var reader = new SequenceReader<byte>(input);
        long length = 0;
        var shift = 0;
        byte b;
        do
        {
            if (!reader.TryRead(out b) || shift > 28) return false;
            length |= (long)(b & 0x7f) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (reader.Remaining < length) return false;
        payload = input.Slice(reader.Position, length);
        return true;
    }

    private static object? ReadValue(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil: reader.ReadNil(); return null;
            case MessagePackType.Integer: return reader.ReadInt64();
            case MessagePackType.Boolean: return reader.ReadBoolean();
            case MessagePackType.Float: return reader.ReadDouble();
            case MessagePackType.String: return reader.ReadString();
            case MessagePackType.Binary: return reader.ReadBytes()?.ToArray();
            case MessagePackType.Array:
                {
                    var n = reader.ReadArrayHeader();
                    var items = new object?[n];
                    for (var i = 0; i < n; i++) items[i] = ReadValue(ref reader);
                    return items;
                }
            default: reader.Skip(); return null;
        }
    }
}
