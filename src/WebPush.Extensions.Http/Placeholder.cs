namespace WebPush.Extensions.Http;

internal static class Placeholder
{
}
