using System.Numerics;

namespace Helpdesk.Classification.Training;

/// <summary>Dense float vector helpers for the optimizer; dot products accumulate in double.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int width = Vector<float>.Count;
        Vector<double> acc = Vector<double>.Zero;
        int i = 0;
        for (; i <= a.Length - width; i += width)
        {
            Vector.Widen(new Vector<float>(a.Slice(i, width)), out Vector<double> al, out Vector<double> ah);
            Vector.Widen(new Vector<float>(b.Slice(i, width)), out Vector<double> bl, out Vector<double> bh);
            acc += (al * bl) + (ah * bh);
        }

        double sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    /// <summary>target += factor·source.</summary>
    public static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float factor)
    {
        int width = Vector<float>.Count;
        var f = new Vector<float>(factor);
        int i = 0;
        for (; i <= target.Length - width; i += width)
        {
            var t = new Vector<float>(target.Slice(i, width));
            var s = new Vector<float>(source.Slice(i, width));
            (t + (s * f)).CopyTo(target.Slice(i, width));
        }

        for (; i < target.Length; i++)
        {
            target[i] += source[i] * factor;
        }
    }

    /// <summary>target = a + factor·b.</summary>
    public static void Combine(Span<float> target, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float factor)
    {
        int width = Vector<float>.Count;
        var f = new Vector<float>(factor);
        int i = 0;
        for (; i <= target.Length - width; i += width)
        {
            var va = new Vector<float>(a.Slice(i, width));
            var vb = new Vector<float>(b.Slice(i, width));
            (va + (vb * f)).CopyTo(target.Slice(i, width));
        }

        for (; i < target.Length; i++)
        {
            target[i] = a[i] + (b[i] * factor);
        }
    }

    /// <summary>target = a - b.</summary>
    public static void Subtract(Span<float> target, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Combine(target, a, b, -1f);

    public static void Scale(Span<float> target, float factor)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] *= factor;
        }
    }
}
