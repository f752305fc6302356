using System.Globalization;
using System.Text;

namespace Helpdesk.Mail.Imap;

/// <summary>
/// A closed or open range of UIDs. <c>new UidRange(101)</c> means "101:*", everything from 101 on.
/// </summary>
public readonly record struct UidRange
{
    public UidRange(uint start, uint? end = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(start);
        if (end is { } e && e < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "The end of a UID range cannot come before its start.");
        }

        Start = start;
        End = end;
    }

    public uint Start { get; }

    /// <summary>The last UID, or null for "up to the newest message".</summary>
    public uint? End { get; }

    /// <summary>True when <paramref name="uid"/> is inside the range.</summary>
    public bool Contains(uint uid) => uid >= Start && (End is null || uid <= End);

    public override string ToString() => End is { } e
        ? (e == Start ? Start.ToString(CultureInfo.InvariantCulture) : $"{Start}:{e}")
        : $"{Start}:*";
}

/// <summary>A set of UIDs written the compact IMAP way ("1:5,9,12:14").</summary>
public sealed class UidSet
{
    private readonly uint[] _uids;

    /// <summary>Builds a set; duplicates are dropped and the order does not matter.</summary>
    public UidSet(IEnumerable<uint> uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        _uids = uids.Distinct().Order().ToArray();
        if (_uids.Length > 0 && _uids[0] == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(uids), "UID 0 does not exist.");
        }
    }

    public int Count => _uids.Length;

    public IReadOnlyList<uint> Uids => _uids;

    public bool Contains(uint uid) => Array.BinarySearch(_uids, uid) >= 0;

    /// <summary>Splits into sets of at most <paramref name="size"/> UIDs, oldest first.</summary>
    public IEnumerable<UidSet> Chunk(int size) => _uids.Chunk(size).Select(c => new UidSet(c));

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _uids.Length;)
        {
            var j = i;
            while (j + 1 < _uids.Length && _uids[j + 1] == _uids[j] + 1)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(_uids[i]);
            if (j > i)
            {
                text.Append(':').Append(_uids[j]);
            }

            i = j + 1;
        }

        return text.ToString();
    }
}
