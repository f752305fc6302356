namespace Helpdesk.Classification.Training;

/// <summary>One training or test example: the text the model sees and its label (intent id).</summary>
/// <param name="Text">Subject, a newline, then the body.</param>
/// <param name="Label">The intent id.</param>
/// <param name="Id">Where the example came from (file id or ticket id), for reports; not used by the model.</param>
/// <param name="Language">ISO 639-1 code when known; not used by the model.</param>
public sealed record LabeledText(string Text, string Label, string? Id = null, string? Language = null)
{
    /// <summary>The text the model sees for a message: subject, a newline, body.</summary>
    public static string Compose(string? subject, string? body) => (subject ?? "") + "\n" + (body ?? "");
}
