namespace Helpdesk.Drill.Tests;

[TestClass]
public sealed class WeekShapeTests
{
    [TestMethod]
    public void DrawArrival_SevenDays_SpikeInFirstHoursDecaysOverTheWeek()
    {
        var shape = new WeekShape(7);
        var random = new Random(1);
        var arrivals = Enumerable.Range(0, 20_000).Select(_ => shape.DrawArrival(random, 2)).ToList();

        var firstDay = arrivals.Count(a => a < TimeSpan.FromDays(1));
        var lastDay = arrivals.Count(a => a >= TimeSpan.FromDays(6));
        var firstSixHours = arrivals.Count(a => a < TimeSpan.FromHours(6));
        Assert.IsGreaterThan(4 * lastDay, firstDay, $"first day {firstDay}, last day {lastDay}");
        Assert.IsGreaterThan(firstDay / 3, firstSixHours, "the first hours after the notice carry the spike");
        Assert.IsTrue(arrivals.All(a => a >= TimeSpan.Zero && a < shape.Length));
    }

    [TestMethod]
    public void DrawArrival_CustomersInOneZone_MoreByTheirDayThanByTheirNight()
    {
        var shape = new WeekShape(7);
        var random = new Random(2);
        var pacific = WeekShape.Zones.ToList().FindIndex(z => z.UtcOffsetHours == -8);
        var hours = Enumerable.Range(0, 20_000).Select(_ => WeekShape.LocalHour(shape.DrawArrival(random, pacific, TimeSpan.FromDays(2)), -8)).ToList();

        var afternoon = hours.Count(h => h is >= 12 and < 18);
        var smallHours = hours.Count(h => h is >= 1 and < 7);
        Assert.IsGreaterThan(5 * smallHours, afternoon, $"afternoon {afternoon}, small hours {smallHours}");
    }

    [TestMethod]
    public void OnShift_DeskClock_DayFullEveningHalfNightFifth()
    {
        // The notice goes out at 09:00 New York: t = 0 is the day shift, t = 12 h is 21:00, t = 18 h is 03:00.
        Assert.AreEqual(1.0, WeekShape.OnShift(TimeSpan.Zero));
        Assert.AreEqual(0.5, WeekShape.OnShift(TimeSpan.FromHours(12)));
        Assert.AreEqual(0.2, WeekShape.OnShift(TimeSpan.FromHours(18)));
    }

    [TestMethod]
    public void Validate_InstancesOnSqlite_NamesTheOptions()
    {
        var problems = new DrillOptions { Instances = 2, Mails = 5 }.Validate();

        Assert.IsTrue(problems.Any(p => p.Contains("--instances", StringComparison.Ordinal)));
        Assert.IsTrue(problems.Any(p => p.Contains("--mails", StringComparison.Ordinal)));
    }
}
