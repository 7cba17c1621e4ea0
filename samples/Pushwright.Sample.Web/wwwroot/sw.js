// The service worker: the browser wakes it for each push message, already decrypted.
// It shows the message as a notification, opens the notification's URL when it is clicked, and
// reports the text to the server (POST /api/received), which lets you see what the browser actually received.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Turns a payload into showNotification's arguments. Three shapes arrive here:
// - a declarative push message (W3C Push API, "Declarative push message"):
//     {"web_push": 8030, "notification": {"title": ..., "navigate": ..., "body": ..., "actions": [...]}}
//   A browser with native support (Safari 18.4+) shows it without waking us, unless it is "mutable";
//   one without (Firefox ESR, Chrome) delivers the JSON here, and we show it the same way;
// - notification JSON for service workers: {"title": ..., "options": {...}}, or the sample's own
//   {"title": ..., "body": ...};
// - anything else: plain text, shown as the body.
function toNotification(text) {
  let message = null;
  try {
    message = JSON.parse(text);
  } catch {
    // plain text
  }

  let title = 'Pushwright sample';
  let options = { body: text ?? '(a push without data)' };
  if (message?.web_push === 8030 && typeof message.notification?.title === 'string') {
    // The notification's members are showNotification's options, under the same names.
    ({ title, ...options } = message.notification);
  } else if (typeof message?.title === 'string') {
    title = message.title;
    options = message.options ?? { body: String(message.body ?? '') };
  }

  // showNotification drops what NotificationOptions does not define (navigate, an action's navigate),
  // so keep the URLs in data, where notificationclick finds them.
  const actionUrls = Object.fromEntries((options.actions ?? []).map((a) => [a.action, a.navigate]));
  options = { ...options, data: { navigate: options.navigate ?? null, actionUrls, data: options.data ?? null } };
  return { title, options };
}

self.addEventListener('push', (event) => {
  const text = event.data ? event.data.text() : null;
  const { title, options } = toNotification(text);

  const show = self.registration.showNotification(title, options);
  const report = fetch('/api/received', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  // Keep the worker alive until both are done; one failing must not hide the other.
  event.waitUntil(Promise.allSettled([show, report]));
});

// A click opens the notification's URL (or the clicked action's own), in a window already showing it
// if there is one. Without a URL it brings the sample's page forward.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { navigate, actionUrls } = event.notification.data ?? {};
  const url = (event.action && actionUrls?.[event.action]) || navigate;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = url ? windows.find((w) => w.url === url) : windows[0];
    if (open) {
      await open.focus();
    } else {
      await self.clients.openWindow(url ?? '/');
    }
  })());
});
