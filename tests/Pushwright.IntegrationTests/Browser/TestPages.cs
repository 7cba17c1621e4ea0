namespace Pushwright.IntegrationTests.Browser;

/// <summary>The pages the push server serves to Firefox on its plain-http port.</summary>
internal static class TestPages
{
    /// <summary>
    /// <c>/</c>: waits for Firefox's push service (see <see cref="Start"/>), then registers the service
    /// worker, subscribes with the key from <c>/config</c> and posts the subscription JSON to <c>/subscription</c>.
    /// </summary>
    public const string Subscribe = """
        <!doctype html>
        <meta charset="utf-8">
        <title>push test: starting</title>
        <p id="status">starting</p>
        <script>
          const status = (s) => { document.title = `push test: ${s}`; document.getElementById('status').textContent = s; };
          const report = (msg) => fetch('/log', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msg }) });
          (async () => {
            try {
              status('waiting for the push service');
              const ready = await fetch('/wait-push-ready');
              if (!ready.ok) throw new Error('Firefox never said hello to the push server');
              const { vapidPublicKey } = await (await fetch('/config')).json();
              const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
              await navigator.serviceWorker.ready;
              status('subscribing');
              const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidPublicKey });
              await fetch('/subscription', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(subscription.toJSON()) });
              status('subscribed');
            } catch (e) {
              status('error');
              await report(`subscribe failed: ${e && e.name}: ${e && e.message}`);
            }
          })();
        </script>
        """;

    /// <summary>
    /// <c>/go?next=&lt;url&gt;</c>: waits until Firefox's push WebSocket has said hello, then opens
    /// <c>next</c>. Firefox creates its parent-process push service in a late idle start-up task,
    /// about 2 s after launch; a <c>subscribe()</c> issued before that is lost and never settles.
    /// </summary>
    public const string Start = """
        <!doctype html>
        <meta charset="utf-8">
        <title>push test: waiting for the push service</title>
        <script>
          (async () => {
            const ready = await fetch('/wait-push-ready');
            const next = new URLSearchParams(location.search).get('next');
            if (ready.ok) location.replace(next);
            else await fetch('/log', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msg: 'start failed: no hello from Firefox' }) });
          })();
        </script>
        """;

    /// <summary><c>/sw.js</c>: reports every push message's decrypted text to <c>/received</c>.</summary>
    public const string ServiceWorker = """
        self.addEventListener('install', () => self.skipWaiting());
        self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
        self.addEventListener('push', (event) => {
          let text = null;
          try {
            text = event.data ? event.data.text() : null;
          } catch (e) {
            text = `!!error reading event.data: ${e}`;
          }
          console.log(`[sw] push event: ${text}`);
          event.waitUntil(fetch('/received', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) }));
        });
        """;
}
