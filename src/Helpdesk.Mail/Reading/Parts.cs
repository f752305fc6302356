using MimeKit;

namespace Helpdesk.Mail.Reading;

/// <summary>Walking a MimeKit tree the way the desk looks for things: attached messages included.</summary>
internal static class Parts
{
    /// <summary>This entity and everything below it, depth first, the bodies of attached messages included.</summary>
    public static IEnumerable<MimeEntity> DescendantsAndSelf(MimeEntity root, int maxDepth = 32)
    {
        var stack = new Stack<(MimeEntity Entity, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (e, depth) = stack.Pop();
            yield return e;
            if (depth >= maxDepth)
                continue;
            if (e is MessagePart { Message.Body: { } body })
                stack.Push((body, depth + 1));
            else if (e is Multipart multipart)
                for (var i = multipart.Count - 1; i >= 0; i--)
                    stack.Push((multipart[i], depth + 1));
        }
    }
}
