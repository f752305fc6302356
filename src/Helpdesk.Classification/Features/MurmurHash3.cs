using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Helpdesk.Classification.Features;

/// <summary>
/// MurmurHash3 x86 32-bit (Austin Appleby's public-domain design), written here because every
/// model file stores weights by hashed bucket: a feature must land in the same bucket on every
/// machine and every .NET version, so the hash is frozen and must never change behaviour.
/// Same output as the reference algorithm (and scikit-learn's <c>murmurhash3_32(positive=True)</c>).
/// </summary>
public static class MurmurHash3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>Hashes <paramref name="data"/> with <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash32(ReadOnlySpan<byte> data, uint seed = 0)
    {
        uint h = seed;
        int blocks = data.Length >> 2;
        for (int i = 0; i < blocks; i++)
        {
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i << 2, 4));
            k *= C1;
            k = BitOperations.RotateLeft(k, 15);
            k *= C2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = (h * 5) + 0xe6546b64;
        }

        int tail = blocks << 2;
        uint t = 0;
        switch (data.Length & 3)
        {
            case 3:
                t ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                t ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                t ^= data[tail];
                t *= C1;
                t = BitOperations.RotateLeft(t, 15);
                t *= C2;
                h ^= t;
                break;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
