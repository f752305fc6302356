using System.Buffers.Binary;
using System.Text;

namespace Helpdesk.Mail.Tests.Support;

/// <summary>
/// Writes a minimal TNEF stream (what Outlook sends as winmail.dat) holding files, from the layout in
/// [MS-OXTNEF] 2.1: the signature and a key, then attributes, each a level byte, a 32-bit tag (type in the
/// high word, id in the low word), a 32-bit length, the data and a 16-bit checksum (the sum of the data bytes).
/// MimeKit has a TNEF reader but no writer.
/// </summary>
internal static class TnefFile
{
    private const byte MessageLevel = 0x01;
    private const byte AttachmentLevel = 0x02;
    private const uint TnefVersion = 0x00089006;      // attTnefVersion, DWORD
    private const uint OemCodepage = 0x00069007;      // attOemCodepage, BYTE[]
    private const uint AttachRenddata = 0x00069002;   // attAttachRenddata, starts an attachment
    private const uint AttachTitle = 0x00018010;      // attAttachTitle, STRING: the file name
    private const uint AttachData = 0x0006800F;       // attAttachData, BYTE[]: the file

    public static byte[] Build(params (string Name, byte[] Content)[] files)
    {
        using var stream = new MemoryStream();
        Write32(stream, 0x223E9F78);
        Write16(stream, 0x0001);
        Attribute(stream, MessageLevel, TnefVersion, [0x00, 0x00, 0x01, 0x00]);
        Attribute(stream, MessageLevel, OemCodepage, [0xE4, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
        foreach (var (name, content) in files)
        {
            // attRenddata: type (1 = file), position (-1), width, height (0), flags (0).
            byte[] rend = [0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
            Attribute(stream, AttachmentLevel, AttachRenddata, rend);
            Attribute(stream, AttachmentLevel, AttachTitle, Encoding.ASCII.GetBytes(name + "\0"));
            Attribute(stream, AttachmentLevel, AttachData, content);
        }
        return stream.ToArray();
    }

    private static void Attribute(Stream s, byte level, uint tag, byte[] data)
    {
        s.WriteByte(level);
        Write32(s, tag);
        Write32(s, (uint)data.Length);
        s.Write(data);
        var sum = 0;
        foreach (var b in data)
            sum += b;
        Write16(s, (ushort)(sum & 0xFFFF));
    }

    private static void Write32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        s.Write(b);
    }

    private static void Write16(Stream s, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        s.Write(b);
    }
}
