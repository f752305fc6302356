using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        // Called about a thousand times per message on 3-5 byte n-grams: read through a ref
        // rather than slicing spans, so there are no bounds checks in the hot path.
        ref byte p = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        uint h = seed;
        int blocks = length >> 2;
        for (int i = 0; i < blocks; i++)
        {
            uint k = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i << 2));
            if (!BitConverter.IsLittleEndian)
            {
                k = BinaryPrimitives.ReverseEndianness(k);
            }

            k *= C1;
            k = BitOperations.RotateLeft(k, 15);
            k *= C2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = (h * 5) + 0xe6546b64;
        }

        ref byte tail = ref Unsafe.Add(ref p, blocks << 2);
        uint t = 0;
        switch (length & 3)
        {
            case 3:
                t ^= (uint)Unsafe.Add(ref tail, 2) << 16;
                goto case 2;
            case 2:
                t ^= (uint)Unsafe.Add(ref tail, 1) << 8;
                goto case 1;
            case 1:
                t ^= tail;
                t *= C1;
                t = BitOperations.RotateLeft(t, 15);
                t *= C2;
                h ^= t;
                break;
        }

        h ^= (uint)length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
