using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Helpdesk.Classification.Model;

/// <summary>
/// Arithmetic on weight rows: one row holds a feature's weight for every label, padded with zeros
/// to whole 256-bit vectors. Always multiply then add, never fused, so results do not depend on
/// whether the CPU has FMA: the same data gives the same model on every x64 or ARM machine.
/// </summary>
internal static class RowMath
{
    private const int Width = 8; // floats per Vector256

    /// <summary>Floats per row: the label count rounded up to whole 256-bit vectors.</summary>
    public static int StrideFor(int labelCount) => (labelCount + Width - 1) & ~(Width - 1);

    /// <summary>target[0..stride) += factor · source[0..stride).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ref float target, ref float source, float factor, int stride)
    {
        Vector256<float> f = Vector256.Create(factor);
        for (int c = 0; c < stride; c += Width)
        {
            Vector256<float> t = Vector256.LoadUnsafe(ref target, (nuint)c);
            Vector256<float> s = Vector256.LoadUnsafe(ref source, (nuint)c);
            (t + (s * f)).StoreUnsafe(ref target, (nuint)c);
        }
    }

    /// <summary>
    /// sums[0..stride) += Σ values[j] · weights[rows[j]] for j in [start, end): a sparse row times the
    /// weight matrix. Up to 16 labels the sums stay in registers instead of going to memory per feature.
    /// </summary>
    public static void Gather(ref float sums, ref float weights, int[] rows, float[] values, int start, int end, int stride)
    {
        if (stride == Width)
        {
            Vector256<float> a = Vector256.LoadUnsafe(ref sums);
            for (int j = start; j < end; j++)
            {
                ref float row = ref Unsafe.Add(ref weights, rows[j] * Width);
                a += Vector256.LoadUnsafe(ref row) * Vector256.Create(values[j]);
            }

            a.StoreUnsafe(ref sums);
        }
        else if (stride == 2 * Width)
        {
            Vector256<float> a = Vector256.LoadUnsafe(ref sums);
            Vector256<float> b = Vector256.LoadUnsafe(ref sums, Width);
            for (int j = start; j < end; j++)
            {
                ref float row = ref Unsafe.Add(ref weights, rows[j] * (2 * Width));
                Vector256<float> v = Vector256.Create(values[j]);
                a += Vector256.LoadUnsafe(ref row) * v;
                b += Vector256.LoadUnsafe(ref row, Width) * v;
            }

            a.StoreUnsafe(ref sums);
            b.StoreUnsafe(ref sums, Width);
        }
        else
        {
            for (int j = start; j < end; j++)
            {
                AddScaled(ref sums, ref Unsafe.Add(ref weights, rows[j] * stride), values[j], stride);
            }
        }
    }
}
