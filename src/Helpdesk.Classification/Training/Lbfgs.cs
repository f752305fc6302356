namespace Helpdesk.Classification.Training;

/// <summary>Outcome of one minimization.</summary>
internal readonly record struct LbfgsResult(float[] Solution, double Objective, int Iterations);

/// <summary>
/// Limited-memory BFGS with a backtracking (Armijo) line search, on float vectors to keep memory at
/// a dozen copies of the weights. Full-batch and free of randomness: the same start and objective
/// always take the same path. Logistic loss with L2 is smooth and strictly convex, so this simple
/// line search is enough; pairs with non-positive curvature are skipped rather than stored.
/// </summary>
internal static class Lbfgs
{
    private const double Armijo = 1e-4;
    private const int MaxLineSearchSteps = 30;

    public static LbfgsResult Minimize(
        Func<float[], float[], double> evaluate,
        float[] start,
        int maxIterations,
        int history,
        double tolerance,
        Action<int, double>? onIteration,
        CancellationToken cancellationToken)
    {
        int n = start.Length;
        float[] x = (float[])start.Clone();
        float[] g = new float[n];
        float[] xNew = new float[n];
        float[] gNew = new float[n];
        float[] direction = new float[n];
        var s = new float[history][];
        var y = new float[history][];
        var rho = new double[history];
        var alpha = new double[history];
        int stored = 0;
        int newest = -1;

        double f = evaluate(x, g);
        int iteration = 0;
        while (iteration < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iteration++;
            Direction(g, direction, s, y, rho, alpha, stored, newest);
            double slope = VectorMath.Dot(g, direction);
            if (!(slope < 0))
            {
                // Not a descent direction (float round-off): forget the history and go downhill.
                stored = 0;
                Direction(g, direction, s, y, rho, alpha, 0, newest);
                slope = VectorMath.Dot(g, direction);
                if (!(slope < 0))
                {
                    break; // gradient is zero
                }
            }

            double step = stored == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
            double fNew = double.NaN;
            bool accepted = false;
            for (int t = 0; t < MaxLineSearchSteps; t++)
            {
                VectorMath.Combine(xNew, x, direction, (float)step);
                fNew = evaluate(xNew, gNew);
                if (fNew <= f + (Armijo * step * slope))
                {
                    accepted = true;
                    break;
                }

                // Minimum of the quadratic through f, slope and fNew, kept within [0.1, 0.5] of the step.
                double quadratic = -slope * step * step / (2 * (fNew - f - (slope * step)));
                step = double.IsFinite(quadratic) ? Math.Clamp(quadratic, 0.1 * step, 0.5 * step) : 0.5 * step;
            }

            if (!accepted)
            {
                break; // no decrease possible at float precision: as good as it gets
            }

            int slot = (newest + 1) % history;
            s[slot] ??= new float[n];
            y[slot] ??= new float[n];
            VectorMath.Subtract(s[slot], xNew, x);
            VectorMath.Subtract(y[slot], gNew, g);
            double sy = VectorMath.Dot(s[slot], y[slot]);
            if (sy > 1e-12)
            {
                rho[slot] = 1.0 / sy;
                newest = slot;
                stored = Math.Min(stored + 1, history);
            }
            else if (stored == history)
            {
                stored--; // the slot just overwritten held the oldest pair
            }

            double improvement = (f - fNew) / Math.Max(1.0, Math.Max(Math.Abs(f), Math.Abs(fNew)));
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            f = fNew;
            onIteration?.Invoke(iteration, f);
            if (improvement < tolerance)
            {
                break;
            }
        }

        return new LbfgsResult(x, f, iteration);
    }

    /// <summary>direction = -H·g by the two-loop recursion over the stored pairs, newest first.</summary>
    private static void Direction(float[] g, float[] direction, float[][] s, float[][] y, double[] rho, double[] alpha, int stored, int newest)
    {
        int history = s.Length;
        for (int i = 0; i < direction.Length; i++)
        {
            direction[i] = -g[i];
        }

        if (stored == 0)
        {
            return;
        }

        for (int i = 0, slot = newest; i < stored; i++, slot = (slot - 1 + history) % history)
        {
            alpha[slot] = rho[slot] * VectorMath.Dot(s[slot], direction);
            VectorMath.AddScaled(direction, y[slot], (float)-alpha[slot]);
        }

        double yy = VectorMath.Dot(y[newest], y[newest]);
        VectorMath.Scale(direction, (float)(1.0 / (rho[newest] * yy)));
        int oldest = (newest - stored + 1 + history) % history;
        for (int i = 0, slot = oldest; i < stored; i++, slot = (slot + 1) % history)
        {
            double beta = rho[slot] * VectorMath.Dot(y[slot], direction);
            VectorMath.AddScaled(direction, s[slot], (float)(alpha[slot] - beta));
        }
    }
}
