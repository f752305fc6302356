using System.Collections.Concurrent;
using System.Text;

namespace Helpdesk.Mail.Reading;

/// <summary>
/// The legacy code pages (ISO-2022-JP, Shift_JIS, KOI8-R, Big5 ...) that .NET ships outside its Unicode ones, with
/// each answer kept: MimeKit asks for an encoding by number for every header word and text part it decodes, and
/// the code-pages provider answers each request under a lock after reading its tables, also for the UTF-8 and
/// ASCII it does not serve (about 2 % of reading a message).
/// </summary>
internal sealed class CodePages : EncodingProvider
{
    public static readonly CodePages Instance = new();

    private readonly ConcurrentDictionary<int, Encoding?> _byNumber = new();
    private readonly ConcurrentDictionary<string, Encoding?> _byName = new(StringComparer.OrdinalIgnoreCase);

    private CodePages()
    {
    }

    public override Encoding? GetEncoding(int codepage) =>
        _byNumber.GetOrAdd(codepage, static c => CodePagesEncodingProvider.Instance.GetEncoding(c));

    public override Encoding? GetEncoding(string name) =>
        // A charset name comes from the mail: only names the provider knows are kept, so hostile mail cannot grow it.
        _byName.TryGetValue(name, out var known) ? known
        : CodePagesEncodingProvider.Instance.GetEncoding(name) is { } found ? _byName.GetOrAdd(name, found) : null;

    public override IEnumerable<EncodingInfo> GetEncodings() => CodePagesEncodingProvider.Instance.GetEncodings();
}
