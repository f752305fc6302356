namespace Helpdesk.Mail.Reading;

/// <summary>A stream read to its end into one array, refusing more than the size limit before holding it all.</summary>
internal static class RawBytes
{
    public static (byte[] Buffer, int Length) ReadAll(Stream stream, long limit)
    {
        var buffer = new byte[InitialSize(stream, limit)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
                buffer = Grow(buffer, limit);
            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0)
                return (buffer, length);
            length += n;
            if (length > limit)
                throw new MessageTooLargeException(limit);
        }
    }

    public static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialSize(stream, limit)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
                buffer = Grow(buffer, limit);
            var n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0)
                return (buffer, length);
            length += n;
            if (length > limit)
                throw new MessageTooLargeException(limit);
        }
    }

    private static int InitialSize(Stream stream, long limit)
    {
        try
        {
            if (stream.CanSeek)
            {
                var remaining = stream.Length - stream.Position;
                if (remaining > limit)
                    throw new MessageTooLargeException(limit);
                return (int)Math.Max(remaining + 1, 256);
            }
        }
        catch (NotSupportedException)
        {
        }
        return 16 * 1024;
    }

    private static byte[] Grow(byte[] buffer, long limit)
    {
        var size = Math.Min(Math.Min((long)buffer.Length * 2, limit + 1), Array.MaxLength);
        if (size <= buffer.Length)
            throw new MessageTooLargeException(limit);
        var bigger = new byte[size];
        buffer.CopyTo(bigger, 0);
        return bigger;
    }
}
