// Smoke test of the document server. Run from the repository root:
//   node --test tests/DocumentServer/smoke.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.mjs');
const started = [];

function startServer(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 5000);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^document-server listening on (http:\/\/127\.0\.0\.1:\d+)\n/m.exec(out);
      if (m) { clearTimeout(timer); resolve({ base: m[1], child }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${err}`)); });
  });
}

function client(base, auth) {
  return async function call(method, urlPath, { body, contentType, accept, authorization = auth } = {}) {
    const headers = {};
    if (authorization !== null) headers.Authorization = authorization;
    if (accept) headers.Accept = accept;
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string') {
        payload = body;
        headers['Content-Type'] = contentType ?? 'application/xml';
      } else {
        payload = JSON.stringify(body);
        headers['Content-Type'] = contentType ?? 'application/json';
      }
    }
    const res = await fetch(base + urlPath, { method, headers, body: payload });
    const text = await res.text();
    let json;
    if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json };
  };
}

const xmlRoot = (text) => /^<\?xml[^>]*\?>\s*<([A-Za-z]+)/.exec(text)?.[1];
const xmlText = (text, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let main;     // plain server, small throttling window, one forbidden key
let neverExpire;
let resendNew;

before(async () => {
  [main, neverExpire, resendNew] = await Promise.all([
    startServer(['--window-ms', '1500', '--forbidden', 'App forbidden-key']),
    startServer(['--defect', 'never-expire']),
    startServer(['--defect', 'resend-new-pin']),
  ]);
});

after(() => {
  for (const child of started) child.kill('SIGTERM');
});

// Creates an application (relaxed verify limit unless overridden) and one NUMERIC template.
async function setUp(call, configuration = {}, template = {}) {
  const app = await call('POST', '/2fa/2/applications', {
    body: { name: 'smoke', configuration: { verifyPinLimit: '100/1s', sendPinPerPhoneNumberLimit: '100/1d', ...configuration } },
  });
  assert.equal(app.status, 201, app.text);
  const msg = await call('POST', `/2fa/2/applications/${app.json.applicationId}/messages`, {
    body: { pinType: 'NUMERIC', messageText: 'Your pin is {{pin}}', pinLength: 6, ...template },
  });
  assert.equal(msg.status, 200, msg.text);
  return { appId: app.json.applicationId, msgId: msg.json.messageId };
}

async function sendPin(call, appId, msgId, to = '41793026727') {
  const r = await call('POST', '/2fa/2/pin', { body: { applicationId: appId, messageId: msgId, to } });
  assert.equal(r.status, 200, r.text);
  return r.json.pinId;
}

async function sidePin(base, pinId) {
  const r = await fetch(`${base}/__pin?pinId=${pinId}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  return r.text();
}

test('applications: create JSON and XML, list XML, get, update, unknown id', async () => {
  const call = client(main.base, 'App apps-account');
  const created = await call('POST', '/2fa/2/applications', {
    body: { name: 'json app', configuration: { pinTimeToLive: '120m', pinAttempts: 0 } },
  });
  assert.equal(created.status, 201);
  assert.match(created.json.applicationId, /^[0-9A-F]{32}$/);
  assert.equal(created.json.processId, undefined);
  assert.deepEqual(created.json.configuration, {
    pinAttempts: 0, allowMultiplePinVerifications: true, pinTimeToLive: '120m', verifyPinLimit: '1/3s',
    sendPinPerApplicationLimit: '10000/1d', sendPinPerPhoneNumberLimit: '3/1d',
  });
  assert.equal(created.json.enabled, true);

  const xmlCreated = await call('POST', '/2fa/2/applications', {
    accept: 'application/xml',
    body: '<?xml version="1.0" encoding="UTF-8"?><ApplicationRequest>\n  <name>xml app</name>\n  <enabled>false</enabled>\n' +
      '  <configuration>\n    <pinAttempts>5</pinAttempts>\n    <pinTimeToLive>m</pinTimeToLive>\n  </configuration>\n</ApplicationRequest>\n',
  });
  assert.equal(xmlCreated.status, 201, xmlCreated.text);
  assert.equal(xmlRoot(xmlCreated.text), 'ApplicationResponse');
  assert.equal(xmlText(xmlCreated.text, 'pinTimeToLive'), 'm');
  assert.equal(xmlText(xmlCreated.text, 'enabled'), 'false');

  const list = await call('GET', '/2fa/2/applications', { accept: 'application/xml' });
  assert.equal(list.status, 200);
  assert.equal(xmlRoot(list.text), 'ApplicationResponses');
  assert.equal((list.text.match(/<item>/g) ?? []).length, 2);

  const unknown = await call('GET', '/2fa/2/applications/0123456789ABCDEF0123456789ABCDEF');
  assert.equal(unknown.status, 404);
  assert.deepEqual(unknown.json, { requestError: { serviceException: { messageId: 'NOT_FOUND', text: 'Not found' } } });

  const updated = await call('PUT', `/2fa/2/applications/${created.json.applicationId}/`, {
    body: { name: 'renamed', configuration: { pinAttempts: 7 } },
  });
  assert.equal(updated.status, 200);
  assert.equal(updated.json.name, 'renamed');
  assert.equal(updated.json.configuration.pinAttempts, 7);
  assert.equal(updated.json.configuration.pinTimeToLive, '120m');

  const got = await call('GET', `/2fa/2/applications/${created.json.applicationId}`);
  assert.equal(got.json.name, 'renamed');

  for (const body of [{}, { name: 'x', configuration: { pinTimeToLive: '10w' } }, { name: 'x', configuration: { pinAttempts: '5' } },
    { name: 'x', configuration: { verifyPinLimit: '2/2d' } }, { name: 'x', enabled: 'yes' }]) {
    const bad = await call('POST', '/2fa/2/applications', { body });
    assert.equal(bad.status, 400, JSON.stringify(body));
    assert.equal(bad.json.requestError.serviceException.messageId, 'BAD_REQUEST');
  }
  const badJson = await call('POST', '/2fa/2/applications', { body: '{"name":', contentType: 'application/json' });
  assert.equal(badJson.status, 400);
  const badXml = await call('POST', '/2fa/2/applications', { body: '<ApplicationRequest><name>x</ApplicationRequest>', accept: 'application/xml' });
  assert.equal(badXml.status, 400);
  assert.equal(xmlRoot(badXml.text), 'ApiException');
  assert.equal(xmlText(badXml.text, 'messageId'), 'BAD_REQUEST');

  const csv = await call('GET', '/2fa/2/applications', { accept: 'text/csv' });
  assert.equal(csv.status, 200);
  assert.ok(Array.isArray(csv.json));

  assert.equal((await call('GET', '/2fa/2/nothing-here')).status, 404);
  assert.equal((await call('DELETE', '/2fa/2/applications')).status, 405);
});

test('message templates: create, get, update, list in JSON and XML', async () => {
  const call = client(main.base, 'Basic dGVtcGxhdGVzOnNlY3JldA==');
  const app = await call('POST', '/2fa/2/applications', { body: { name: 'templates' } });
  const base = `/2fa/2/applications/${app.json.applicationId}/messages`;

  const created = await call('POST', base, { body: { pinType: 'HEX', messageText: 'Code {{pin}}' } });
  assert.equal(created.status, 200);
  assert.match(created.json.messageId, /^[0-9A-F]{32}$/);
  assert.equal(created.json.applicationId, app.json.applicationId);
  assert.equal(created.json.pinPlaceholder, '{{pin}}');
  assert.equal(created.json.pinType, 'HEX');

  const xmlCreated = await call('POST', base, {
    accept: 'application/xml',
    body: '<CreateSmsOrVoiceMessageRequest><pinType>NUMERIC</pinType><messageText>Your pin is {{pin}}</messageText>' +
      '<pinLength>4</pinLength><language>en</language><voiceName>Joanna</voiceName><speechRate>1.0</speechRate></CreateSmsOrVoiceMessageRequest>',
  });
  assert.equal(xmlCreated.status, 200, xmlCreated.text);
  assert.equal(xmlRoot(xmlCreated.text), 'SmsOrVoiceMessage');
  assert.equal(xmlText(xmlCreated.text, 'speechRate'), '1.0');
  const xmlId = xmlText(xmlCreated.text, 'messageId');

  const got = await call('GET', `${base}/${xmlId}`, { accept: 'application/xml' });
  assert.equal(got.status, 200);
  assert.equal(xmlRoot(got.text), 'Message');
  assert.equal(xmlText(got.text, 'pinLength'), '4');

  const updated = await call('PUT', `${base}/${xmlId}`, {
    accept: 'application/xml',
    body: '<UpdateSmsOrVoiceMessageRequest><pinLength>6</pinLength></UpdateSmsOrVoiceMessageRequest>',
  });
  assert.equal(updated.status, 200, updated.text);
  assert.equal(xmlRoot(updated.text), 'SmsOrVoiceMessage');
  assert.equal(xmlText(updated.text, 'pinLength'), '6');
  assert.equal(xmlText(updated.text, 'messageText'), 'Your pin is {{pin}}');

  const updatedJson = await call('PUT', `${base}/${created.json.messageId}`, { body: { senderId: 'Me' } });
  assert.equal(updatedJson.json.senderId, 'Me');

  const list = await call('GET', base, { accept: 'application/xml' });
  assert.equal(xmlRoot(list.text), 'Messages');
  assert.equal((list.text.match(/<item>/g) ?? []).length, 2);
  const listJson = await call('GET', base);
  assert.equal(listJson.json.length, 2);

  assert.equal((await call('POST', base, { body: { pinType: 'NUMERIC', messageText: 'no placeholder' } })).status, 400);
  assert.equal((await call('POST', base, { body: { messageText: 'x {{pin}}' } })).status, 400);
  assert.equal((await call('POST', base, { body: { pinType: 'DIGITS', messageText: 'x {{pin}}' } })).status, 400);
  assert.equal((await call('GET', `${base}/0123456789ABCDEF0123456789ABCDEF`)).json.requestError.serviceException.messageId, 'NOT_FOUND');
  assert.equal((await call('GET', '/2fa/2/applications/0123456789ABCDEF0123456789ABCDEF/messages')).status, 404);
});

test('PIN flow: send, side door, wrong then right verify, status, attempts, limits', async () => {
  const call = client(main.base, 'IBSSO pin-account');
  const { appId, msgId } = await setUp(call, { pinAttempts: 3 });

  const sent = await call('POST', '/2fa/2/pin/?ncNeeded=true', { body: { applicationId: appId, messageId: msgId, to: '41793026727' } });
  assert.equal(sent.status, 200);
  assert.match(sent.json.pinId, /^[0-9A-F]{32}$/);
  assert.equal(sent.json.to, '41793026727');
  assert.equal(sent.json.ncStatus, 'NC_DESTINATION_REACHABLE');
  assert.equal(sent.json.smsStatus, 'MESSAGE_SENT');
  const pinId = sent.json.pinId;
  const code = await sidePin(main.base, pinId);
  assert.match(code, /^\d{6}$/);

  const wrong = await call('POST', `/2fa/2/pin/${pinId}/verify`, { body: { pin: 'wrong' } });
  assert.deepEqual(wrong.json, { pinId, msisdn: '41793026727', verified: false, attemptsRemaining: 2, pinError: 'WRONG_PIN' });
  const right = await call('POST', `/2fa/2/pin/${pinId}/verify`, { accept: 'application/xml', body: `<VerifyPinRequest><pin>${code}</pin></VerifyPinRequest>` });
  assert.equal(right.status, 200);
  assert.equal(xmlRoot(right.text), 'VerifyPinResponse');
  assert.equal(xmlText(right.text, 'verified'), 'true');
  assert.equal(xmlText(right.text, 'attemptsRemaining'), '0');

  const status = await call('GET', `/2fa/2/applications/${appId}/verifications?msisdn=41793026727`);
  assert.equal(status.status, 200);
  assert.equal(status.json.verifications.length, 1);
  const v = status.json.verifications[0];
  assert.equal(v.msisdn, '41793026727');
  assert.equal(v.verified, true);
  assert.ok(Number.isInteger(v.verifiedAt) && Number.isInteger(v.sentAt) && v.sentAt > 1e12);
  const statusXml = await call('GET', `/2fa/2/applications/${appId}/verifications/?msisdn=41793026727&verified=true`, { accept: 'application/xml' });
  assert.equal(xmlRoot(statusXml.text), 'VerificationResponse');
  assert.match(statusXml.text, /<verifications>\s*<verifications>/);
  assert.equal((await call('GET', `/2fa/2/applications/${appId}/verifications`)).status, 400);

  // pinAttempts exhausted: the right PIN no longer verifies
  const second = await sendPin(call, appId, msgId);
  for (const remaining of [2, 1, 0]) {
    const r = await call('POST', `/2fa/2/pin/${second}/verify`, { body: { pin: 'nope' } });
    assert.equal(r.json.attemptsRemaining, remaining);
    assert.equal(r.json.pinError, 'WRONG_PIN');
  }
  const exhausted = await call('POST', `/2fa/2/pin/${second}/verify`, { body: { pin: await sidePin(main.base, second) } });
  assert.equal(exhausted.json.verified, false);
  assert.equal(exhausted.json.pinError, 'NO_MORE_PIN_ATTEMPTS');

  // resend sends the same PIN; voice answers callStatus
  const third = await sendPin(call, appId, msgId);
  const before = await sidePin(main.base, third);
  const resent = await call('POST', `/2fa/2/pin/${third}/resend`, {});
  assert.equal(resent.status, 200);
  assert.equal(resent.json.pinId, third);
  assert.equal(await sidePin(main.base, third), before);
  const voice = await call('POST', '/2fa/2/pin/voice', { body: { applicationId: appId, messageId: msgId, to: '41793026727' } });
  assert.equal(voice.json.callStatus, 'PENDING_ACCEPTED');
  assert.equal(voice.json.smsStatus, undefined);
  const noLookup = await call('POST', '/2fa/2/pin?ncNeeded=false', { body: { applicationId: appId, messageId: msgId, to: '41793026727' } });
  assert.equal(noLookup.json.ncStatus, undefined);

  // unknown ids
  const unknownApp = await call('POST', '/2fa/2/pin', { body: { applicationId: '0123456789ABCDEF0123456789ABCDEF', messageId: msgId, to: '1' } });
  assert.equal(unknownApp.status, 400);
  assert.equal(unknownApp.json.requestError.serviceException.messageId, 'BAD_REQUEST');
  const unknownMsg = await call('POST', '/2fa/2/pin', { body: { applicationId: appId, messageId: 'NOPE', to: '1' } });
  assert.equal(unknownMsg.status, 400);
  assert.equal((await call('POST', '/2fa/2/pin/0123456789ABCDEF0123456789ABCDEF/verify', { body: { pin: '1' } })).status, 404);
  assert.equal((await call('POST', '/2fa/2/pin/0123456789ABCDEF0123456789ABCDEF/resend', {})).status, 404);
  // email: an email template, a send and a resend over email; an SMS template is not sent over email
  const email = await call('POST', `/2fa/2/applications/${appId}/email/messages`, { body: { emailTemplateId: 1234, from: 'company@example.com' } });
  assert.equal(email.status, 200);
  assert.deepEqual([email.json.pinType, email.json.pinLength, email.json.emailTemplateId], ['NUMERIC', 4, 1234]);
  assert.equal((await call('POST', `/2fa/2/applications/${appId}/email/messages`, { body: { pinLength: 4 } })).status, 400);
  const emailSent = await call('POST', '/2fa/2/pin/email', { body: { applicationId: appId, messageId: email.json.messageId, to: 'john.smith@example.com' } });
  assert.equal(emailSent.status, 200);
  assert.equal(emailSent.json.emailStatus.name, 'PENDING_ACCEPTED');
  assert.equal((await call('POST', `/2fa/2/pin/${emailSent.json.pinId}/resend/email`, {})).json.pinId, emailSent.json.pinId);
  assert.equal((await call('POST', '/2fa/2/pin/email', { body: { applicationId: appId, messageId: msgId, to: 'john.smith@example.com' } })).status, 400);
  assert.equal((await fetch(`${main.base}/__pin?pinId=NOPE`)).status, 404);

  // allowMultiplePinVerifications false, verifyPinLimit, sendPinPerPhoneNumberLimit, enabled false
  const single = await setUp(call, { allowMultiplePinVerifications: false });
  const sp = await sendPin(call, single.appId, single.msgId);
  const spCode = await sidePin(main.base, sp);
  assert.equal((await call('POST', `/2fa/2/pin/${sp}/verify`, { body: { pin: spCode } })).json.verified, true);
  assert.equal((await call('POST', `/2fa/2/pin/${sp}/verify`, { body: { pin: spCode } })).json.verified, false);

  const strict = await setUp(call, { verifyPinLimit: '1/3s', sendPinPerPhoneNumberLimit: '2/1d' });
  const st = await sendPin(call, strict.appId, strict.msgId, '100');
  assert.equal((await call('POST', `/2fa/2/pin/${st}/verify`, { body: { pin: 'x' } })).status, 200);
  const limited = await call('POST', `/2fa/2/pin/${st}/verify`, { body: { pin: 'x' } });
  assert.equal(limited.status, 429);
  assert.equal(limited.json.requestError.serviceException.messageId, 'TOO_MANY_REQUESTS');
  await sendPin(call, strict.appId, strict.msgId, '100');
  assert.equal((await call('POST', '/2fa/2/pin', { body: { applicationId: strict.appId, messageId: strict.msgId, to: '100' } })).status, 429);
  assert.equal((await call('POST', '/2fa/2/pin', { body: { applicationId: strict.appId, messageId: strict.msgId, to: '200' } })).status, 200);

  await call('PUT', `/2fa/2/applications/${strict.appId}`, { body: { name: 'off', enabled: false } });
  const disabled = await call('POST', '/2fa/2/pin', { body: { applicationId: strict.appId, messageId: strict.msgId, to: '300' } });
  assert.equal(disabled.status, 400);
  assert.equal(disabled.json.requestError.serviceException.messageId, 'BAD_REQUEST');
});

test('pinTimeToLive in real time, and --defect never-expire', async () => {
  const plain = client(main.base, 'Bearer ttl-account');
  const defective = client(neverExpire.base, 'Bearer ttl-account');
  const a = await setUp(plain, { pinTimeToLive: '1s' });
  const b = await setUp(defective, { pinTimeToLive: '1s' });
  const pa = await sendPin(plain, a.appId, a.msgId);
  const pb = await sendPin(defective, b.appId, b.msgId);
  await sleep(1200);
  const expired = await plain('POST', `/2fa/2/pin/${pa}/verify`, { body: { pin: await sidePin(main.base, pa) } });
  assert.equal(expired.json.verified, false);
  assert.equal(expired.json.pinError, 'TTL_EXPIRED');
  const notExpired = await defective('POST', `/2fa/2/pin/${pb}/verify`, { body: { pin: await sidePin(neverExpire.base, pb) } });
  assert.equal(notExpired.json.verified, true);
});

test('--defect resend-new-pin issues a new PIN on resend', async () => {
  const call = client(resendNew.base, 'App resend-account');
  const { appId, msgId } = await setUp(call);
  const pinId = await sendPin(call, appId, msgId);
  const first = await sidePin(resendNew.base, pinId);
  assert.equal((await call('POST', `/2fa/2/pin/${pinId}/resend`, {})).status, 200);
  assert.notEqual(await sidePin(resendNew.base, pinId), first);
});

test('authentication: 401 and 403', async () => {
  const anonymous = client(main.base, null);
  const none = await anonymous('GET', '/2fa/2/applications');
  assert.equal(none.status, 401);
  assert.deepEqual(none.json.requestError.serviceException, { messageId: 'UNAUTHORIZED', text: 'Invalid login details' });
  assert.equal((await anonymous('GET', '/2fa/2/applications', { authorization: 'Digest abc' })).status, 401);
  assert.equal((await anonymous('GET', '/2fa/2/applications', { authorization: 'App ' })).status, 401);

  const forbidden = client(main.base, 'App forbidden-key');
  for (const [method, p] of [['GET', '/2fa/2/applications'], ['POST', '/2fa/2/pin'], ['GET', '/2fa/2/applications/X/messages']]) {
    const r = await forbidden(method, p, method === 'POST' ? { body: {} } : {});
    assert.equal(r.status, 403);
    assert.deepEqual(r.json.requestError.serviceException, { messageId: 'FORBIDDEN', text: 'Forbidden' });
  }
});

test('throttling: 20 creates per window per account', async () => {
  const call = client(main.base, 'App throttled-account');
  const other = client(main.base, 'App other-account');
  const results = [];
  for (let i = 0; i < 20; i++) results.push((await call('POST', '/2fa/2/applications', { body: { name: `t${i}` } })).status);
  assert.deepEqual(results, Array(20).fill(201));
  const limited = await call('POST', '/2fa/2/applications', { body: { name: 'again' } });
  assert.equal(limited.status, 429);
  assert.deepEqual(limited.json.requestError.serviceException, { messageId: 'TOO_MANY_REQUESTS', text: 'Too many requests' });
  assert.equal((await other('POST', '/2fa/2/applications', { body: { name: 'other' } })).status, 201);
  assert.equal((await call('GET', '/2fa/2/applications')).status, 200);
  await sleep(1600);
  assert.equal((await call('POST', '/2fa/2/applications', { body: { name: 'later' } })).status, 201);
});
