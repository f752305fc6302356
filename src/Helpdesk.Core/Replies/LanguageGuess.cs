namespace Helpdesk.Core.Replies;

/// <summary>
/// A rough guess of the customer's language (en, es, fr, de) from common short words. Good enough to prefer a
/// Spanish template for a Spanish message; the quoted English notice must be removed first or it outvotes the customer.
/// </summary>
public static class LanguageGuess
{
    private static readonly Dictionary<string, string[]> Stopwords = new()
    {
        ["en"] = ["the", "and", "is", "my", "to", "you", "it", "not", "i", "what", "was", "have", "this", "for", "your", "can", "do", "of", "with", "me"],
        ["es"] = ["el", "la", "los", "las", "que", "de", "mi", "es", "no", "por", "para", "con", "una", "un", "y", "se", "lo", "qué", "cómo", "pero", "mis", "tarjeta", "contraseña", "gracias", "hola"],
        ["fr"] = ["le", "la", "les", "je", "est", "pas", "mon", "ma", "mes", "et", "de", "des", "une", "un", "que", "vous", "pour", "avec", "ne", "merci", "bonjour", "carte", "mot"],
        ["de"] = ["der", "die", "das", "ich", "ist", "nicht", "mein", "meine", "und", "zu", "ein", "eine", "sie", "mit", "für", "es", "wie", "auf", "danke", "hallo", "karte", "passwort"],
    };

    private static readonly Dictionary<string, List<string>> ByWord = BuildIndex();

    /// <summary>"en", "es", "fr" or "de"; "en" when nothing stands out.</summary>
    public static string Detect(string text)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal) { ["en"] = 0, ["es"] = 0, ["fr"] = 0, ["de"] = 0 };
        var words = text.ToLowerInvariant().Split((char[])[' ', '\n', '\r', '\t', ',', '.', '!', '?', ';', ':', '(', ')', '"', '\'', '¿', '¡', '-'],
            StringSplitOptions.RemoveEmptyEntries);
        foreach (var w in words)
            if (ByWord.TryGetValue(w, out var languages))
                foreach (var l in languages) scores[l]++;
        var best = scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key == "en" ? 0 : 1).First();
        // Shared short words ("de", "la", "es") give every language a point or two: ask for a clear lead.
        return best.Key != "en" && best.Value >= 2 && best.Value > scores["en"] ? best.Key : "en";
    }

    private static Dictionary<string, List<string>> BuildIndex()
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (language, words) in Stopwords)
            foreach (var w in words)
                (index.TryGetValue(w, out var l) ? l : index[w] = []).Add(language);
        return index;
    }
}
