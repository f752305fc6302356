namespace Helpdesk.Web.Components;

/// <summary>"4 min", "3 h 12 min", "2 d 5 h": how long something has waited, short enough for a table cell.</summary>
public static class Age
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        if (age.TotalMinutes < 1) return "just now";
        if (age.TotalHours < 1) return $"{(int)age.TotalMinutes} min";
        if (age.TotalDays < 1) return $"{(int)age.TotalHours} h {age.Minutes} min";
        return $"{(int)age.TotalDays} d {age.Hours} h";
    }
}
