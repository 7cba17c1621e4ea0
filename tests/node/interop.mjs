// Interop harness for the WebPush test suite (tests/Pushwright.Tests/Interop/NodeInterop.cs).
//
// A long-running process that puts the reference implementations http_ece@1.2.1 and
// web-push@3.6.7 behind a line protocol, so the C# tests pay Node's start-up cost once.
//
// Protocol: newline-delimited JSON. Each line on stdin is one request object; for each request
// exactly one line is written to stdout, in order:
//   {"ok":true, ...result fields}       on success
//   {"ok":false,"error":"message"}      on any failure (bad JSON, unknown op, crypto error, ...)
// A bad request never ends the process; it ends when stdin closes. Every binary value, in
// requests and responses, is unpadded base64url.
//
// Operations ("op"):
//   ping               -> {}
//   webpush-decrypt    {encoding: "aes128gcm"|"aesgcm", body, uaPrivateKey (32-octet d),
//                       uaPublicKey (65 octets), authSecret, salt?, dh?, rs? (aesgcm only)}
//                      -> {plaintext}                                  (http_ece.decrypt)
//   webpush-encrypt    {impl: "web-push"|"http_ece", encoding, uaPublicKey, authSecret,
//                       plaintext, pad? (http_ece only)}
//                      -> {body, salt, dh}  (the C# side needs salt/dh for aesgcm only)
//   ece-encrypt        {key (16-octet IKM), salt (16), rs, pad?, keyid?, plaintext}
//                      -> {body}                     (RFC 8188 aes128gcm, header included)
//   ece-decrypt        {key, body} -> {plaintext}
//   verify-vapid       {authorization, cryptoKey?, audience, now? (Unix seconds)}
//                      -> {valid, failed: [check names], claims}   (node:crypto ES256, RFC 8292)
//   webpush-request    {endpoint, p256dh, auth (base64url, as in PushSubscription.toJSON()),
//                       encoding, plaintext?, ttl?, urgency?, topic?, subject, vapidPublicKey,
//                       vapidPrivateKey (base64url)}
//                      -> {method, endpoint, headers: {name: value}, body?}
//                      (web-push's generateRequestDetails: the request it would send, VAPID included)
import crypto from 'node:crypto';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ece = require('http_ece');
const webpush = require('web-push');

const ENCODINGS = new Set(['aes128gcm', 'aesgcm']);

function bytes(req, name, length) {
  const value = req[name];
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) {
    throw new Error(`field "${name}" must be a base64url string`);
  }
  const buf = Buffer.from(value, 'base64url');
  if (length !== undefined && buf.length !== length) {
    throw new Error(`field "${name}" must be ${length} octets, got ${buf.length}`);
  }
  return buf;
}

function int(req, name, fallback, min) {
  const value = req[name] ?? fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`field "${name}" must be an integer >= ${min}`);
  return value;
}

function encoding(req) {
  if (!ENCODINGS.has(req.encoding)) throw new Error(`encoding must be "aes128gcm" or "aesgcm", got ${JSON.stringify(req.encoding)}`);
  return req.encoding;
}

const b64u = (buf) => Buffer.from(buf).toString('base64url');

const ops = {
  ping: () => ({}),

  'webpush-decrypt': (req) => {
    const version = encoding(req);
    const body = bytes(req, 'body');
    const ua = crypto.createECDH('prime256v1');
    ua.setPrivateKey(bytes(req, 'uaPrivateKey', 32));
    if (!ua.getPublicKey().equals(bytes(req, 'uaPublicKey', 65))) throw new Error('uaPublicKey does not match uaPrivateKey');
    const params = { version, privateKey: ua, authSecret: bytes(req, 'authSecret', 16) };
    if (version === 'aesgcm') {
      Object.assign(params, { salt: bytes(req, 'salt', 16), dh: bytes(req, 'dh', 65), rs: int(req, 'rs', 4096, 3) });
    }
    return { plaintext: b64u(ece.decrypt(body, params)) };
  },

  'webpush-encrypt': (req) => {
    const version = encoding(req);
    const uaPublicKey = bytes(req, 'uaPublicKey', 65);
    const authSecret = bytes(req, 'authSecret', 16);
    const plaintext = bytes(req, 'plaintext');
    if (req.impl === 'web-push') {
      if (req.pad !== undefined && req.pad !== null) throw new Error('web-push does not take "pad"');
      const r = webpush.encrypt(b64u(uaPublicKey), b64u(authSecret), plaintext, version);
      return { body: b64u(r.cipherText), salt: r.salt, dh: b64u(r.localPublicKey) };
    }
    if (req.impl === 'http_ece') {
      const sender = crypto.createECDH('prime256v1');
      sender.generateKeys();
      const salt = crypto.randomBytes(16);
      const pad = int(req, 'pad', 0, 0);
      const body = ece.encrypt(plaintext, { version, privateKey: sender, dh: uaPublicKey, authSecret, salt, pad });
      return { body: b64u(body), salt: b64u(salt), dh: b64u(sender.getPublicKey()) };
    }
    throw new Error(`impl must be "web-push" or "http_ece", got ${JSON.stringify(req.impl)}`);
  },

  'ece-encrypt': (req) => {
    const params = {
      version: 'aes128gcm',
      key: bytes(req, 'key', 16),
      salt: bytes(req, 'salt', 16),
      rs: int(req, 'rs', 4096, 18),
      pad: int(req, 'pad', 0, 0),
    };
    if (req.keyid !== undefined && req.keyid !== null) params.keyid = bytes(req, 'keyid');
    return { body: b64u(ece.encrypt(bytes(req, 'plaintext'), params)) };
  },

  'ece-decrypt': (req) => ({
    plaintext: b64u(ece.decrypt(bytes(req, 'body'), { version: 'aes128gcm', key: bytes(req, 'key', 16) })),
  }),
};

// RFC 8292 checks, named as in the shared verify-vapid tool: scheme, token, alg, publicKey,
// signature (64-octet r||s, verified by node:crypto), aud, exp (now < exp <= now + 24 h), sub, keysDistinct.
function param(header, name) {
  for (const part of String(header ?? '').split(/[;,]/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return undefined;
}

function verifyVapid(req) {
  const failed = [];
  const authorization = String(req.authorization ?? '');
  let token;
  let key;
  if (authorization.startsWith('vapid ')) {
    token = param(authorization.slice(6), 't');
    key = param(authorization.slice(6), 'k');
  } else if (authorization.startsWith('WebPush ')) {
    token = authorization.slice(8).trim();
    key = param(req.cryptoKey, 'p256ecdsa');
    const dh = param(req.cryptoKey, 'dh');
    if (dh !== undefined && dh === key) failed.push('keysDistinct');
  } else {
    return { valid: false, failed: ['scheme'] };
  }
  const parts = String(token ?? '').split('.');
  let header;
  let claims;
  try {
    if (parts.length !== 3) throw new Error('not three segments');
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { valid: false, failed: [...failed, 'token'] };
  }
  if (header.alg !== 'ES256') failed.push('alg');
  const point = key === undefined ? Buffer.alloc(0) : Buffer.from(key, 'base64url');
  let publicKey;
  try {
    if (point.length !== 65 || point[0] !== 4) throw new Error('not an uncompressed point');
    publicKey = crypto.createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) },
      format: 'jwk',
    });
  } catch {
    failed.push('publicKey');
  }
  const signature = Buffer.from(parts[2], 'base64url');
  const signed = publicKey !== undefined && signature.length === 64
    && crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  if (!signed) failed.push('signature');
  if (claims.aud !== req.audience) failed.push('aud');
  const now = Number.isInteger(req.now) ? req.now : Math.floor(Date.now() / 1000);
  if (!Number.isInteger(claims.exp) || claims.exp <= now || claims.exp > now + 24 * 3600) failed.push('exp');
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) failed.push('sub');
  return { valid: failed.length === 0, failed, claims };
}

ops['verify-vapid'] = verifyVapid;

ops['webpush-request'] = (req) => {
  encoding(req);
  const options = {
    contentEncoding: req.encoding,
    vapidDetails: { subject: req.subject, publicKey: req.vapidPublicKey, privateKey: req.vapidPrivateKey },
  };
  if (req.ttl !== undefined) options.TTL = req.ttl;
  if (req.urgency !== undefined) options.urgency = req.urgency;
  if (req.topic !== undefined) options.topic = req.topic;
  const payload = req.plaintext === undefined ? null : Buffer.from(req.plaintext, 'base64url');
  const details = webpush.generateRequestDetails(
    { endpoint: req.endpoint, keys: { p256dh: req.p256dh, auth: req.auth } }, payload, options);
  const headers = {};
  for (const [name, value] of Object.entries(details.headers)) headers[name] = String(value);
  return { method: details.method, endpoint: details.endpoint, headers, body: details.body ? b64u(details.body) : undefined };
};

function handle(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (err) {
    return { ok: false, error: `request is not valid JSON: ${err.message}` };
  }
  if (!req || typeof req !== 'object' || Array.isArray(req)) return { ok: false, error: 'request must be a JSON object' };
  const op = Object.hasOwn(ops, req.op) ? ops[req.op] : undefined;
  if (!op) return { ok: false, error: `unknown op ${JSON.stringify(req.op)}` };
  try {
    return { ok: true, ...op(req) };
  } catch (err) {
    return { ok: false, error: `${req.op}: ${err && err.message ? err.message : String(err)}` };
  }
}

process.stdout.on('error', () => process.exit(0)); // parent went away
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  process.stdout.write(`${JSON.stringify(handle(line))}\n`);
});
