using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;

namespace Helpdesk.Benchmarks;

/// <summary>
/// The desk's reader before MimeKit (its own MIME parser), loaded from a separate build so old and new run in
/// one process on the same bytes. Build it from the commit before the switch with
/// tests/Helpdesk.Benchmarks/realmail/build-old-reader.sh; pass the DLL with --old-reader.
/// </summary>
internal sealed class MimeOldReader
{
    private readonly Func<ReadOnlyMemory<byte>, object> _read;
    private readonly Func<object, string> _text;
    private readonly Func<object, string> _visibleText;
    private readonly Func<object, string> _subject;
    private readonly Func<object, string?> _from;
    private readonly Func<object, int> _attachments;
    private readonly Func<object, string> _kind;

    private MimeOldReader(Assembly assembly)
    {
        Assembly = assembly;
        // Helpdesk.Mail.Mime before the move to MimeKit, Helpdesk.Mail.Reading after it.
        var readerType = assembly.GetType("Helpdesk.Mail.Mime.EmailReader") ?? assembly.GetType("Helpdesk.Mail.Reading.EmailReader", throwOnError: true)!;
        var ctor = readerType.GetConstructors().Single();
        var reader = ctor.Invoke(new object?[ctor.GetParameters().Length]);
        var read = readerType.GetMethod("Read", [typeof(ReadOnlyMemory<byte>)])!;
        _read = (Func<ReadOnlyMemory<byte>, object>)read.CreateDelegate(typeof(Func<ReadOnlyMemory<byte>, object>), reader);
        var parsed = read.ReturnType;
        _text = Getter<string>(parsed, "Text");
        _visibleText = Getter<string>(parsed, "VisibleText");
        _subject = Getter<string>(parsed, "Subject");
        var from = Getter<object?>(parsed, "From");
        var address = (Func<object, string?>?)null;
        _from = e => from(e) is { } a ? (address ??= Getter<string?>(a.GetType(), "Address"))(a) : null;
        var attachments = Getter<System.Collections.ICollection>(parsed, "Attachments");
        _attachments = e => attachments(e).Count;
        var machine = Getter<object>(parsed, "Machine");
        var kind = (Func<object, object>?)null;
        _kind = e => { var m = machine(e); return ((kind ??= Getter<object>(m.GetType(), "Kind"))(m)).ToString()!; };
    }

    /// <summary>Loads Helpdesk.Mail from <paramref name="dllPath"/> beside the one this process uses.</summary>
    public static MimeOldReader Load(string dllPath)
    {
        var context = new OldMailContext(Path.GetFullPath(dllPath));
        return new MimeOldReader(context.LoadFromAssemblyPath(Path.GetFullPath(dllPath)));
    }

    /// <summary>The old Helpdesk.Mail, for benchmarks that call more of it than reading.</summary>
    public Assembly Assembly { get; }

    public object Read(byte[] raw) => _read(raw);

    public string Text(object email) => _text(email);

    public string VisibleText(object email) => _visibleText(email);

    /// <summary>The forwarded message's sender address and subject, or null (read by name: the type changed over time).</summary>
    public (string? From, string? Subject)? Forwarded(object email)
    {
        var forwarded = email.GetType().GetProperty("Forwarded")?.GetValue(email);
        if (forwarded is null)
            return null;
        var from = forwarded.GetType().GetProperty("From")?.GetValue(forwarded);
        var address = from?.GetType().GetProperty("Address")?.GetValue(from) as string;
        return (address, forwarded.GetType().GetProperty("Subject")?.GetValue(forwarded) as string);
    }

    public string Subject(object email) => _subject(email);

    /// <summary>The old build's `helpdesk parse` JSON of a read message, or null when it has no such writer.</summary>
    public Func<object, string>? JsonWriter()
    {
        var method = Assembly.GetType("Helpdesk.Mail.Reading.ParsedEmailJson")?.GetMethods()
            .FirstOrDefault(m => m.Name == "ToJson" && m.GetParameters().Length >= 2);
        if (method is null)
            return null;
        var extra = method.GetParameters().Length - 2;
        return e => (string)method.Invoke(null, [e, null, .. Enumerable.Repeat<object?>(null, extra)])!;
    }

    public string? FromAddress(object email) => _from(email);

    public int AttachmentCount(object email) => _attachments(email);

    public string MachineKind(object email) => _kind(email);

    private static Func<object, T> Getter<T>(Type type, string property)
    {
        var p = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(p, type), property), typeof(T));
        return Expression.Lambda<Func<object, T>>(body, p).Compile();
    }

    // Only Helpdesk.Mail itself comes from the old build; AngleSharp and the framework are shared.
    private sealed class OldMailContext(string path) : AssemblyLoadContext("old-helpdesk-mail")
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name == "Helpdesk.Mail" ? LoadFromAssemblyPath(path) : null;
    }
}
