// Carries a request from Kestrel to the FakePushService and its answer back, so that the loopback
// service verifies, records and scripts exactly as the in-memory one. A fault in the answer
// becomes a fault on the wire: an exception before the headers aborts the connection (HTTP/1.1)
// or resets the stream (HTTP/2); a body that breaks after the headers is cut the same way; a body
// that stalls keeps the connection open until the client gives up.
using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Pushwright.Testing.Internal;

internal static class KestrelBridge
{
    /// <summary>Headers that describe a connection, not a message; HTTP/2 forbids them and Kestrel sets its own.</summary>
    /// <summary>How long a cut waits for the bytes before it to reach the client.</summary>
    private static readonly TimeSpan s_cutGrace = TimeSpan.FromMilliseconds(50);

    private static readonly string[] s_connectionHeaders = ["Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Content-Length"];

    public static async Task HandleAsync(HttpContext context, HttpMessageInvoker service)
    {
        var aborted = context.RequestAborted;
        HttpResponseMessage response;
        try
        {
            using var request = await ToRequestMessageAsync(context.Request).ConfigureAwait(false);
            response = await service.SendAsync(request, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // A scripted reset or thrown exception, a hang the client gave up on, or a client gone mid-request.
            context.Abort();
            return;
        }

        using (response)
        {
            await WriteAsync(context, response).ConfigureAwait(false);
        }
    }

    private static async Task<HttpRequestMessage> ToRequestMessageAsync(HttpRequest request)
    {
        var uri = new Uri(request.Scheme + "://" + request.Host.Value + request.PathBase.Value + request.Path.Value + request.QueryString.Value);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri)
        {
            Version = HttpProtocol.IsHttp2(request.Protocol) ? HttpVersion.Version20 : HttpVersion.Version11,
        };
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted).ConfigureAwait(false);
        message.Content = new ByteArrayContent(body.ToArray());
        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith(':') || header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToString()))
            {
                message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
            }
        }

        if (body.Length == 0 && !request.Headers.ContainsKey("Content-Type"))
        {
            // No body: the in-memory service sees the request a client without content sends.
            message.Content = null;
        }

        return message;
    }

    private static async Task WriteAsync(HttpContext context, HttpResponseMessage response)
    {
        var http = context.Response;
        http.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            if (!s_connectionHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            {
                http.Headers[header.Key] = header.Value.ToArray();
            }
        }

        var length = response.Content.Headers.ContentLength;
        if (length is > 0)
        {
            http.ContentLength = length;
        }

        var aborted = context.RequestAborted;
        using var body = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await body.ReadAsync(buffer, aborted).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A scripted cut: what was written is on its way (flushed below); give it a moment
                // to leave before breaking the connection (HTTP/1.1) or resetting the stream (HTTP/2).
                await Task.Delay(s_cutGrace, CancellationToken.None).ConfigureAwait(false);
                context.Abort();
                return;
            }
            catch (OperationCanceledException)
            {
                // A scripted stall the client gave up on, or the client leaving.
                context.Abort();
                return;
            }

            if (read == 0)
            {
                return;
            }

            await http.Body.WriteAsync(buffer.AsMemory(0, read), aborted).ConfigureAwait(false);
            await http.Body.FlushAsync(aborted).ConfigureAwait(false);
        }
    }
}
