// The page: registers the service worker, subscribes with the server's VAPID public key and
// stores the subscription on the server. Open it with ?autosubscribe=1 to subscribe without a
// click (used by the end-to-end tests; browsers only allow that once notifications are permitted).
'use strict';

const statusElement = document.getElementById('status');
const resultElement = document.getElementById('result');

function showStatus(text, isError = false) {
  statusElement.textContent = text;
  statusElement.classList.toggle('error', isError);
  document.title = `WebPush sample: ${text}`;
}

async function requestJson(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(`${method} ${url}: HTTP ${response.status} ${json && json.error ? json.error : text}`);
  }
  return json;
}

// applicationServerKey as bytes: unpadded base64url strings are not accepted by every browser.
function base64UrlToBytes(value) {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sameBytes(buffer, bytes) {
  const a = new Uint8Array(buffer);
  return a.length === bytes.length && a.every((b, i) => b === bytes[i]);
}

async function subscribe() {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
    throw new Error('This browser has no Web Push here. Service workers need https, or http://localhost.');
  }
  if (Notification.permission === 'default') {
    await Notification.requestPermission();
  }
  if (Notification.permission === 'denied') {
    throw new Error('Notifications are blocked for this site; allow them in the site settings.');
  }

  showStatus('Subscribing...');
  const { publicKey } = await requestJson('GET', '/api/vapid-public-key');
  const serverKey = base64UrlToBytes(publicKey);
  const registration = await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;

  // A subscription made with another key (the server's keys changed) cannot be used: replace it.
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameBytes(subscription.options.applicationServerKey, serverKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });

  const stored = await requestJson('POST', '/api/subscriptions', subscription.toJSON());
  showStatus(`Subscribed (${new URL(subscription.endpoint).host}); the server has ${stored.count} subscription(s).`);
}

async function unsubscribe() {
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = registration && await registration.pushManager.getSubscription();
  if (!subscription) {
    showStatus('Not subscribed.');
    return;
  }
  await requestJson('DELETE', '/api/subscriptions', subscription.toJSON());
  await subscription.unsubscribe();
  showStatus('Unsubscribed.');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(progress) {
  const counts = `delivered ${progress.delivered}, removed ${progress.removed}, failed ${progress.failed}`;
  return progress.status === 'finished'
    ? `Broadcast finished: ${progress.total} subscription(s), ${counts}.${progress.error ? ` ${progress.error}` : ''}`
    : `Broadcast ${progress.status}: ${progress.total - progress.pending} of ${progress.total} sent, ${counts}.`;
}

// POST /api/notify answers 202 with the broadcast's id; the server sends in the background, and
// GET /api/notify/{id} shows how far it got.
async function send(encoding) {
  const navigate = document.getElementById('navigate').value.trim();
  const { id } = await requestJson('POST', '/api/notify', {
    title: document.getElementById('title').value,
    body: document.getElementById('body').value,
    encoding,
    navigate: navigate || undefined,
  });
  for (;;) {
    const progress = await requestJson('GET', `/api/notify/${encodeURIComponent(id)}`);
    showStatus(describe(progress));
    resultElement.textContent = JSON.stringify(progress, null, 2);
    if (progress.status === 'finished') {
      return;
    }
    await sleep(500);
  }
}

function run(action) {
  return () => action().catch((error) => {
    console.error('[sample]', error);
    showStatus(String(error.message || error), true);
  });
}

document.getElementById('subscribe').addEventListener('click', run(subscribe));
document.getElementById('unsubscribe').addEventListener('click', run(unsubscribe));
document.getElementById('send').addEventListener('click', run(() => send('aes128gcm')));
document.getElementById('send-aesgcm').addEventListener('click', run(() => send('aesgcm')));

if (new URLSearchParams(location.search).get('autosubscribe') === '1') {
  run(subscribe)();
}
