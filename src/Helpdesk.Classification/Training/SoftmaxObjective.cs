using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Helpdesk.Classification.Features;
using Helpdesk.Classification.Model;

namespace Helpdesk.Classification.Training;

/// <summary>
/// Mean multinomial log-loss plus (L2 / 2)·‖W‖² over a full batch, with its gradient. Parameters are
/// one float array: <c>rows x stride</c> weights, then one row of biases (not penalized). Single
/// threaded and summed in document order, so the same data always gives the same bits.
/// </summary>
internal sealed class SoftmaxObjective
{
    private readonly SparseRows _data;
    private readonly int[] _labels;
    private readonly int _classes;
    private readonly int _stride;
    private readonly int _rows;
    private readonly float _l2;

    public SoftmaxObjective(SparseRows data, int[] labels, int classes, int rows, double l2)
    {
        _data = data;
        _labels = labels;
        _classes = classes;
        _stride = RowMath.StrideFor(classes);
        _rows = rows;
        _l2 = (float)l2;
    }

    public int ParameterCount => (_rows + 1) * _stride;

    public int BiasOffset => _rows * _stride;

    // Fully optimized from the first call: training runs once per process, too early for tiered JIT.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Evaluate(float[] x, float[] gradient)
    {
        Array.Clear(gradient);
        int stride = _stride;
        Span<float> z = stackalloc float[stride];
        Span<float> delta = stackalloc float[stride];
        Span<double> exps = stackalloc double[_classes];
        delta.Clear();
        ref float x0 = ref MemoryMarshal.GetArrayDataReference(x);
        ref float g0 = ref MemoryMarshal.GetArrayDataReference(gradient);
        ref float z0 = ref MemoryMarshal.GetReference(z);
        ref float d0 = ref MemoryMarshal.GetReference(delta);
        int[] offsets = _data.Offsets;
        int[] rows = _data.Rows;
        float[] values = _data.Values;
        double loss = 0;
        for (int d = 0; d < _data.Documents; d++)
        {
            int start = offsets[d];
            int end = offsets[d + 1];
            x.AsSpan(BiasOffset, stride).CopyTo(z);
            RowMath.Gather(ref z0, ref x0, rows, values, start, end, stride);

            float max = float.NegativeInfinity;
            for (int k = 0; k < _classes; k++)
            {
                max = Math.Max(max, z[k]);
            }

            double sum = 0;
            for (int k = 0; k < _classes; k++)
            {
                double e = Math.Exp(z[k] - max);
                exps[k] = e;
                sum += e;
            }

            int y = _labels[d];
            loss += Math.Log(sum) + max - z[y];
            for (int k = 0; k < _classes; k++)
            {
                delta[k] = (float)(exps[k] / sum);
            }

            delta[y] -= 1f;
            for (int j = start; j < end; j++)
            {
                RowMath.AddScaled(ref Unsafe.Add(ref g0, rows[j] * stride), ref d0, values[j], stride);
            }

            RowMath.AddScaled(ref Unsafe.Add(ref g0, BiasOffset), ref d0, 1f, stride);
        }

        float inverseN = 1f / _data.Documents;
        double squaredNorm = ScaleAndPenalize(x.AsSpan(0, BiasOffset), gradient.AsSpan(0, BiasOffset), inverseN, _l2);
        Span<float> biasGradient = gradient.AsSpan(BiasOffset, stride);
        for (int k = 0; k < stride; k++)
        {
            biasGradient[k] *= inverseN;
        }

        return (loss / _data.Documents) + (0.5 * _l2 * squaredNorm);
    }

    /// <summary>Raw logits of document <paramref name="d"/> of <paramref name="data"/> under parameters <paramref name="x"/>.</summary>
    public void Logits(float[] x, SparseRows data, int d, Span<float> logits)
    {
        Span<float> z = stackalloc float[_stride];
        x.AsSpan(BiasOffset, _stride).CopyTo(z);
        ref float z0 = ref MemoryMarshal.GetReference(z);
        ref float x0 = ref MemoryMarshal.GetArrayDataReference(x);
        RowMath.Gather(ref z0, ref x0, data.Rows, data.Values, data.Offsets[d], data.Offsets[d + 1], _stride);

        z[.._classes].CopyTo(logits);
    }

    /// <summary>gradient = gradient·scale + l2·x; returns ‖x‖² (accumulated in double).</summary>
    private static double ScaleAndPenalize(Span<float> x, Span<float> gradient, float scale, float l2)
    {
        int width = Vector<float>.Count;
        var vs = new Vector<float>(scale);
        var vl = new Vector<float>(l2);
        Vector<double> acc = Vector<double>.Zero;
        int i = 0;
        for (; i <= x.Length - width; i += width)
        {
            var vx = new Vector<float>(x.Slice(i, width));
            var vg = new Vector<float>(gradient.Slice(i, width));
            ((vg * vs) + (vx * vl)).CopyTo(gradient.Slice(i, width));
            Vector.Widen(vx, out Vector<double> lo, out Vector<double> hi);
            acc += (lo * lo) + (hi * hi);
        }

        double sum = Vector.Sum(acc);
        for (; i < x.Length; i++)
        {
            gradient[i] = (gradient[i] * scale) + (x[i] * l2);
            sum += (double)x[i] * x[i];
        }

        return sum;
    }
}
