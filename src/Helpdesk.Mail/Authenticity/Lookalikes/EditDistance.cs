namespace Helpdesk.Mail.Authenticity.Lookalikes;

/// <summary>Damerau-Levenshtein distance (optimal string alignment): insert, delete, substitute, swap neighbours.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        return d[a.Length, b.Length];
    }

    /// <summary>How many edits still read as the same name: none for short labels, one up to 8 letters, two above.</summary>
    public static int Allowed(int length) => length switch
    {
        <= 3 => 0,
        <= 8 => 1,
        _ => 2,
    };
}
