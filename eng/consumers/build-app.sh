#!/usr/bin/env bash
# Builds one fresh consumer app against the packages in a folder, the way a user would: outside
# this repository's build settings, package versions in the project file, every warning an error
# (see lib.sh). The apps that can run here also run and print what they did.
#
# Usage: eng/consumers/build-app.sh <packages folder> <app>
#   console       net10.0 console app, Pushwright: VAPID keys and an encrypt/decrypt round trip (runs)
#   worker        net10.0 Microsoft.NET.Sdk.Worker app, Pushwright.Extensions.Http: AddWebPush() and
#                 a resolved WebPushClient (runs)
#   web           net10.0 Microsoft.NET.Sdk.Web app, Pushwright.Extensions.Http: AddWebPush() from
#                 configuration and a minimal API that sends (build only: it would serve forever)
#   worker-net8   the worker on net8.0, the package's other dependency group (build only: this
#                 machine has no .NET 8 runtime)
#   netstandard   a netstandard2.0 class library on Pushwright, the asset .NET Framework gets (build only)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -eq 2 ]] || { sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
consumer_init "$1" || exit 1
app=$2
dir="$consumer_work/apps/$app"
rm -rf "$dir"

worker_program() {
  cat > "$dir/Program.cs" <<'CS'
using Microsoft.Extensions.DependencyInjection;
using Pushwright;

var keys = VapidKeys.Generate();
var services = new ServiceCollection();
services.AddLogging();
services.AddWebPush(options =>
{
    options.Subject = "mailto:ops@example.com";
    options.PublicKey = keys.PublicKeyBase64Url;
    options.PrivateKey = keys.ExportPrivateKeyBase64Url();
});

await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<WebPushClient>();
Console.WriteLine($"resolved {client.GetType().Name} for {client.VapidDetails.Subject}");
CS
}

case "$app" in
  console)
    consumer_project "$dir" Microsoft.NET.Sdk net10.0 Exe enable Pushwright
    cat > "$dir/Program.cs" <<'CS'
using System.Text;
using Pushwright;
using Pushwright.Encryption;

var vapid = new VapidDetails("mailto:ops@example.com", VapidKeys.Generate());
var browser = UserAgentKeys.Generate();
var payload = WebPushEncryption.Encrypt(browser.SubscriptionKeys, "hello from a consumer"u8);
var text = Encoding.UTF8.GetString(WebPushEncryption.Decrypt(browser, payload));
Console.WriteLine($"{payload.ContentEncodingName} round trip: {text}; VAPID key {vapid.Keys.PublicKeyBase64Url.Length} chars");
CS
    consumer_build "$dir" && consumer_run "$dir" "aes128gcm round trip: hello from a consumer; VAPID key 87 chars"
    ;;
  worker)
    consumer_project "$dir" Microsoft.NET.Sdk.Worker net10.0 Exe enable Pushwright.Extensions.Http
    worker_program
    consumer_build "$dir" && consumer_resolved "$dir" Microsoft.Extensions.Http '10\.' &&
      consumer_run "$dir" "resolved WebPushClient for mailto:ops@example.com"
    ;;
  worker-net8)
    consumer_project "$dir" Microsoft.NET.Sdk.Worker net8.0 Exe enable Pushwright.Extensions.Http
    worker_program
    consumer_build "$dir" && consumer_resolved "$dir" Microsoft.Extensions.Http '8\.'
    ;;
  web)
    consumer_project "$dir" Microsoft.NET.Sdk.Web net10.0 Exe enable Pushwright.Extensions.Http
    cat > "$dir/Program.cs" <<'CS'
using Pushwright;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddWebPush(builder.Configuration.GetSection("WebPush"));
var app = builder.Build();

app.MapPost("/notify", async (WebPushClient client, string subscription, string text, CancellationToken cancellationToken) =>
{
    var result = await client.SendAsync(PushSubscription.Parse(subscription), new PushMessage(text), cancellationToken);
    return Results.Ok(result.Outcome.ToString());
});

app.Run();
CS
    consumer_build "$dir"
    ;;
  netstandard)
    consumer_project "$dir" Microsoft.NET.Sdk netstandard2.0 Library disable Pushwright
    sed -i 's#<Nullable>enable</Nullable>#&\n    <LangVersion>latest</LangVersion>#' "$dir/netstandard.csproj"
    cat > "$dir/Sender.cs" <<'CS'
using System.Threading.Tasks;
using Pushwright;

namespace Consumer
{
    public static class Sender
    {
        public static Task<PushResult> SendAsync(WebPushClient client, string subscriptionJson, string text) =>
            client.SendAsync(PushSubscription.Parse(subscriptionJson), new PushMessage(text));
    }
}
CS
    consumer_build "$dir"
    ;;
  *)
    echo "consumers: unknown app '$app'; expected console, worker, web, worker-net8 or netstandard" >&2
    exit 2
    ;;
esac
