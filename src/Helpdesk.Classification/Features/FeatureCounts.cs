using System.Runtime.CompilerServices;

namespace Helpdesk.Classification.Features;

/// <summary>
/// Term counts of one message, keyed by feature key: a small open-addressing table reused across
/// messages (only the touched slots are cleared), so counting allocates nothing once warm.
/// </summary>
internal sealed class FeatureCounts
{
    private const int Empty = -1;
    private int[] _keys;
    private float[] _counts;
    private int[] _used;
    private int _mask;
    private int _shift;

    public FeatureCounts(int capacity = 1024)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity));
        _keys = new int[size];
        Array.Fill(_keys, Empty);
        _counts = new float[size];
        _used = new int[size / 2];
        _mask = size - 1;
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
    }

    /// <summary>Number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>Key of the i-th distinct feature, in first-seen order.</summary>
    public int KeyAt(int i) => _keys[_used[i]];

    /// <summary>Count of the i-th distinct feature.</summary>
    public float CountAt(int i) => _counts[_used[i]];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int key)
    {
        int slot = Slot(key);
        while (true)
        {
            int k = _keys[slot];
            if (k == key)
            {
                _counts[slot] += 1f;
                return;
            }

            if (k == Empty)
            {
                _keys[slot] = key;
                _counts[slot] = 1f;
                _used[Count++] = slot;
                if (Count >= _used.Length)
                {
                    Grow();
                }

                return;
            }

            slot = (slot + 1) & _mask;
        }
    }

    // Fibonacci hashing: the key's low bit is the block, so take the product's high bits instead.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int key) => (int)(((uint)key * 2654435769u) >> _shift);

    public void Clear()
    {
        for (int i = 0; i < Count; i++)
        {
            _keys[_used[i]] = Empty;
        }

        Count = 0;
    }

    private void Grow()
    {
        int[] oldKeys = _keys;
        float[] oldCounts = _counts;
        int[] oldUsed = _used;
        int oldCount = Count;
        int size = oldKeys.Length * 2;
        _keys = new int[size];
        Array.Fill(_keys, Empty);
        _counts = new float[size];
        _used = new int[size / 2];
        _mask = size - 1;
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        Count = 0;
        for (int i = 0; i < oldCount; i++)
        {
            int slot = oldUsed[i];
            int key = oldKeys[slot];
            float c = oldCounts[slot];
            int s = Slot(key);
            while (_keys[s] != Empty)
            {
                s = (s + 1) & _mask;
            }

            _keys[s] = key;
            _counts[s] = c;
            _used[Count++] = s;
        }
    }
}
