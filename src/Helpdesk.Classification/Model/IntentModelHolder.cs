using Helpdesk.Classification.Pipeline;

namespace Helpdesk.Classification.Model;

/// <summary>
/// Holds the live model and swaps it atomically, so the running desk can adopt a newly trained
/// model without a restart. Readers take <see cref="Current"/> once per message and keep using that
/// instance; models are immutable, so a swap never disturbs a prediction in flight.
/// </summary>
public sealed class IntentModelHolder
{
    private IntentModel? _current;

    /// <summary>Starts with <paramref name="initial"/> (or no model).</summary>
    public IntentModelHolder(IntentModel? initial = null)
    {
        _current = initial;
    }

    /// <summary>Raised after a swap, with the new model.</summary>
    public event EventHandler<IntentModel>? Swapped;

    /// <summary>The live model, or null before the first one is loaded.</summary>
    public IntentModel? Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="model"/> live; returns the model it replaced.</summary>
    public IntentModel? Swap(IntentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IntentModel? previous = Interlocked.Exchange(ref _current, model);
        Swapped?.Invoke(this, model);
        return previous;
    }
}
