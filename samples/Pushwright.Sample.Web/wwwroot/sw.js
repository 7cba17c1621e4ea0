// The service worker: the browser wakes it for each push message, already decrypted.
// It shows the message as a notification, and reports the text to the server
// (POST /api/received), which lets you see what the browser actually received.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  const text = event.data ? event.data.text() : null;

  // The server sends {"title": "...", "body": "..."}; any other text becomes the body.
  let title = 'WebPush sample';
  let body = text ?? '(a push without data)';
  try {
    const message = JSON.parse(text);
    if (message && typeof message === 'object') {
      title = String(message.title ?? title);
      body = String(message.body ?? '');
    }
  } catch {
    // plain text
  }

  const show = self.registration.showNotification(title, { body, data: { text } });
  const report = fetch('/api/received', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  // Keep the worker alive until both are done; one failing must not hide the other.
  event.waitUntil(Promise.allSettled([show, report]));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window' });
    if (windows.length > 0) {
      await windows[0].focus();
    } else {
      await self.clients.openWindow('/');
    }
  })());
});
