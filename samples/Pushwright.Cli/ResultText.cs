using System.Collections.Generic;

namespace Pushwright.Cli;

/// <summary>How a <see cref="PushResult"/> reads in the tool's output and report.</summary>
internal static class ResultText
{
    /// <summary>The push service's explanation, or the transport failure with its inner causes, on one line.</summary>
    public static string? Explain(PushResult result)
    {
        if (result.Refusal is { } refusal)
        {
            return refusal.Message;
        }

        if (result.Error is { } serviceError)
        {
            return serviceError.ToString();
        }

        if (result.Exception is null)
        {
            return null;
        }

        var messages = new List<string>();
        for (var exception = result.Exception; exception is not null; exception = exception.InnerException)
        {
            var message = UsageException.OneLine(exception);
            if (message.Length > 0 && !messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        return string.Join(" ", messages);
    }
}
