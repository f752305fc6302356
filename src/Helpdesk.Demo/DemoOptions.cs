using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Demo;

public enum DemoMode
{
    /// <summary>Demo data on first start when no mailbox is configured (the default).</summary>
    Auto = 0,
    On = 1,
    Off = 2,
}

/// <summary>Bound from <c>Helpdesk:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Helpdesk:Demo";

    public DemoMode Mode { get; set; } = DemoMode.Auto;

    /// <summary>How many emails the demo set takes in (customer mail plus some bounces and auto-replies). Default 2,400.</summary>
    [Range(10, 2_000_000, ErrorMessage = "Helpdesk:Demo:EmailCount must be a whole number from 10 to 2000000.")]
    public int EmailCount { get; set; } = 2_400;

    /// <summary>Where the sample files are; default <c>data/samples</c> beside Helpdesk.sln.</summary>
    public string? SamplesDirectory { get; set; }

    /// <summary>The password of every demo account; shown on the sign-in page in demo mode only.</summary>
    [MinLength(4, ErrorMessage = "Helpdesk:Demo:Password must be at least 4 characters.")]
    public string Password { get; set; } = "demo-desk";

    /// <summary>Seed of the random choices, so every newcomer sees the same demo desk.</summary>
    public int Seed { get; set; } = 20261120;
}
