namespace Helpdesk.Drill;

/// <summary>A customer's time zone and the share of customers living in it.</summary>
public sealed record CustomerZone(string Name, int UtcOffsetHours, double Share);

/// <summary>
/// The shape of the breach week in simulated time (t = 0 is the notice, sent at 09:00 US Eastern): a wall of mail in
/// the first hours decaying over days, and in every time zone more mail by day than by night. Arrival times are drawn
/// by inverting the cumulative intensity on a one-minute grid, so the drawn mails follow the shape exactly in
/// expectation and a seed repeats a drill.
/// </summary>
public sealed class WeekShape
{
    /// <summary>The notice went out at 14:00 UTC (09:00 in New York).</summary>
    public const int NoticeHourUtc = 14;

    /// <summary>The desk sits in New York: shifts follow its clock.</summary>
    public const int DeskUtcOffset = -5;

    public static IReadOnlyList<CustomerZone> Zones { get; } =
    [
        new("US Pacific", -8, 0.25), new("US Central", -6, 0.15), new("US Eastern", -5, 0.35),
        new("UK", 0, 0.10), new("Central Europe", 1, 0.15),
    ];

    private readonly int _minutes;
    private readonly double[][] _cumulative;

    public WeekShape(int days)
    {
        _minutes = days * 24 * 60;
        _cumulative = new double[Zones.Count][];
        for (var z = 0; z < Zones.Count; z++)
        {
            var c = new double[_minutes + 1];
            for (var m = 0; m < _minutes; m++) c[m + 1] = c[m] + Intensity(TimeSpan.FromMinutes(m + 0.5), Zones[z].UtcOffsetHours);
            _cumulative[z] = c;
        }
    }

    public TimeSpan Length => TimeSpan.FromMinutes(_minutes);

    /// <summary>
    /// Relative arrival rate at simulated time <paramref name="t"/> after the notice for customers at UTC+offset: the
    /// surge (a sharp first-hours peak on a slower decay over days) times the hour of their day.
    /// </summary>
    public static double Intensity(TimeSpan t, int utcOffsetHours)
    {
        var hours = t.TotalHours;
        var surge = 0.08 + Math.Exp(-hours / 30) + 2.5 * Math.Exp(-hours / 4);
        return surge * Daylight(LocalHour(t, utcOffsetHours));
    }

    /// <summary>0.08 at 04:00 local rising to 1 at 16:00: people write when they are awake and have read the notice.</summary>
    public static double Daylight(double localHour) => 0.08 + 0.92 * 0.5 * (1 - Math.Cos(2 * Math.PI * (localHour - 4) / 24));

    public static double LocalHour(TimeSpan t, int utcOffsetHours)
    {
        var h = (NoticeHourUtc + utcOffsetHours + t.TotalHours) % 24;
        return h < 0 ? h + 24 : h;
    }

    /// <summary>Share of the day shift's agents on duty at simulated time <paramref name="t"/> (desk clock): day 1, evening 0.5, night 0.2.</summary>
    public static double OnShift(TimeSpan t)
    {
        var h = LocalHour(t, DeskUtcOffset);
        return h is >= 8 and < 20 ? 1.0 : h is >= 20 ? 0.5 : 0.2;
    }

    /// <summary>A customer's zone, by the shares of <see cref="Zones"/>; Spanish writers live in the Americas or Spain.</summary>
    public static int PickZone(Random random, string language)
    {
        if (language == "es") return random.NextDouble() < 0.6 ? 1 : 4;
        if (language is "fr" or "de" or "it" or "nl") return 4;
        var x = random.NextDouble();
        for (var z = 0; z < Zones.Count; z++)
        {
            x -= Zones[z].Share;
            if (x <= 0) return z;
        }
        return Zones.Count - 1;
    }

    /// <summary>A simulated arrival time for a customer in zone <paramref name="zone"/>, at or after <paramref name="notBefore"/>.</summary>
    public TimeSpan DrawArrival(Random random, int zone, TimeSpan notBefore = default)
    {
        var c = _cumulative[zone];
        var from = Math.Clamp((int)notBefore.TotalMinutes, 0, _minutes - 1);
        var target = c[from] + random.NextDouble() * (c[_minutes] - c[from]);
        var index = Array.BinarySearch(c, target);
        if (index < 0) index = ~index - 1;
        index = Math.Clamp(index, from, _minutes - 1);
        var within = c[index + 1] > c[index] ? (target - c[index]) / (c[index + 1] - c[index]) : 0;
        return TimeSpan.FromMinutes(index + Math.Clamp(within, 0, 1));
    }
}
