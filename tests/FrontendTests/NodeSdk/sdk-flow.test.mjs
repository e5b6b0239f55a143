// Infobip's community Node SDK (@infobip-api/sdk 0.3.2, code nobody here wrote) walks the whole 2FA flow against
// the mock: application, templates, send and resend over SMS and voice, a wrong then the right PIN (read from the
// mock's outbox), and the verification status. The SDK resolves errors instead of throwing them, and posts to
// `/2fa/2/pin/?ncNeeded=…` and reads `/verifications/?msisdn=…` with trailing slashes: the mock must take both.
// MOCK_URL (the mock's base URL) and MOCK_API_KEY (an App key naming a fresh account) come from NodeSdkTests.cs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sdk from '@infobip-api/sdk';

const { Infobip, AuthType } = sdk;
const baseUrl = process.env.MOCK_URL;
const apiKey = process.env.MOCK_API_KEY;
assert.ok(baseUrl && apiKey, 'MOCK_URL and MOCK_API_KEY must be set (NodeSdkTests.cs starts the mock and sets them)');

const twoFA = new Infobip({ baseUrl, authType: AuthType.ApiKey, apiKey }).service.twoFA;
const HEX32 = /^[0-9A-F]{32}$/;

/** The SDK answers an AxiosResponse, or resolves with the AxiosError: fail with what the mock said. */
function ok(result, what) {
  if (result instanceof Error) {
    const answer = result.response ? `${result.response.status} ${JSON.stringify(result.response.data)}` : result.message;
    assert.fail(`${what}: ${answer}`);
  }
  assert.equal(result.status, 200, `${what}: status`);
  return result.data;
}

/** What the mock would have sent for one pinId, oldest first (the mock's admin API, no credentials configured). */
async function outbox(pinId) {
  const response = await fetch(`${baseUrl}/__admin/mock/outbox?pinId=${encodeURIComponent(pinId)}`);
  assert.equal(response.status, 200, 'GET /__admin/mock/outbox');
  return (await response.json()).messages;
}

/** A PIN of the same length and alphabet that is certainly not `pin`. */
function wrongPin(pin) {
  return pin.replace(/^./, (c) => (c === '1' ? '2' : '1'));
}

test('the Node SDK walks the whole 2FA flow against the mock', async (t) => {
  const phone = '41793026727';
  const voicePhone = '41793026728';
  let appId, messageId, pinId, pin;

  await t.test('createApplication stores the configuration', async () => {
    const app = ok(await twoFA.createApplication({
      name: 'Node SDK login',
      enabled: true,
      configuration: {
        pinAttempts: 3,
        allowMultiplePinVerifications: true,
        pinTimeToLive: '10m',
        verifyPinLimit: '20/1m',
        sendPinPerApplicationLimit: '100/1d',
        sendPinPerPhoneNumberLimit: '10/1d',
      },
    }), 'createApplication');
    assert.match(app.applicationId, HEX32);
    assert.equal(app.configuration.pinAttempts, 3);
    appId = app.applicationId;
  });

  await t.test('createMessageTemplate issues a template of the application', async () => {
    const template = ok(await twoFA.createMessageTemplate(appId, {
      messageText: 'Your code is {{pin}}',
      pinType: 'NUMERIC',
      pinLength: 6,
      language: 'en',
      senderId: 'ServiceSMS',
      repeatDTMF: '1#',
      speechRate: 1,
    }), 'createMessageTemplate');
    assert.match(template.messageId, HEX32);
    assert.equal(template.applicationId, appId);
    assert.equal(template.messageText, 'Your code is {{pin}}');
    assert.equal(template.pinType, 'NUMERIC');
    assert.equal(template.pinLength, 6);
    assert.equal(template.pinPlaceholder, '{{pin}}');
    messageId = template.messageId;
  });

  await t.test('getMessageTemplates lists it', async () => {
    const templates = ok(await twoFA.getMessageTemplates(appId), 'getMessageTemplates');
    assert.ok(Array.isArray(templates), 'a JSON array');
    assert.deepEqual(templates.map((m) => m.messageId), [messageId]);
  });

  await t.test('updateMessageTemplate changes it and getMessageTemplate reads it back', async () => {
    const updated = ok(await twoFA.updateMessageTemplate(appId, messageId, {
      messageText: 'Hi {{name}}, your login code is {{pin}}',
      pinType: 'NUMERIC',
      pinLength: 5,
    }), 'updateMessageTemplate');
    assert.equal(updated.messageId, messageId);
    assert.equal(updated.pinLength, 5);
    const fetched = ok(await twoFA.getMessageTemplate(appId, messageId), 'getMessageTemplate');
    assert.equal(fetched.messageText, 'Hi {{name}}, your login code is {{pin}}');
    assert.equal(fetched.pinLength, 5);
  });

  await t.test('getMessageTemplate of an unknown template is a 404 in the API envelope', async () => {
    const missing = await twoFA.getMessageTemplate(appId, '0123456789ABCDEF0123456789ABCDEF');
    assert.ok(missing instanceof Error, 'the SDK resolves an AxiosError');
    assert.equal(missing.response.status, 404);
    assert.equal(typeof missing.response.data.requestError.serviceException.messageId, 'string');
  });

  await t.test('sendPINCodeSMS (POST /2fa/2/pin/?ncNeeded=true) sends the rendered template', async () => {
    const sent = ok(await twoFA.sendPINCodeSMS(
      { applicationId: appId, messageId, from: 'ServiceSMS', to: phone, placeholders: { name: 'Ana' } }, true), 'sendPINCodeSMS');
    assert.match(sent.pinId, HEX32);
    assert.equal(sent.to, phone);
    assert.equal(sent.ncStatus, 'NC_DESTINATION_REACHABLE');
    assert.equal(sent.smsStatus, 'MESSAGE_SENT');
    pinId = sent.pinId;

    const messages = await outbox(pinId);
    assert.equal(messages.length, 1);
    const [message] = messages;
    assert.equal(message.channel, 'sms');
    assert.equal(message.to, phone);
    assert.equal(message.applicationId, appId);
    assert.match(message.pin, /^[0-9]{5}$/, 'NUMERIC, pinLength 5 (the updated template)');
    assert.equal(message.text, `Hi Ana, your login code is ${message.pin}`);
    pin = message.pin;
  });

  await t.test('resendPINCodeSMS sends the same PIN again', async () => {
    const resent = ok(await twoFA.resendPINCodeSMS(pinId), 'resendPINCodeSMS');
    assert.equal(resent.pinId, pinId);
    assert.equal(resent.smsStatus, 'MESSAGE_SENT');
    assert.equal(resent.ncStatus, 'NC_DESTINATION_REACHABLE', 'an SMS resend carries the number lookup status');
    const messages = await outbox(pinId);
    assert.equal(messages.length, 2);
    assert.deepEqual(messages.map((m) => m.pin), [pin, pin]);
  });

  await t.test('sendPINCodeVoice and resendPINCodeVoice call with the PIN', async () => {
    const called = ok(await twoFA.sendPINCodeVoice({ applicationId: appId, messageId, to: voicePhone }), 'sendPINCodeVoice');
    assert.match(called.pinId, HEX32);
    assert.notEqual(called.pinId, pinId);
    assert.equal(called.to, voicePhone);
    assert.equal(called.callStatus, 'PENDING_ACCEPTED');
    const recalled = ok(await twoFA.resendPINCodeVoice(called.pinId), 'resendPINCodeVoice');
    assert.equal(recalled.pinId, called.pinId);
    assert.equal(recalled.callStatus, 'PENDING_ACCEPTED');
    const messages = await outbox(called.pinId);
    assert.deepEqual(messages.map((m) => m.channel), ['voice', 'voice']);
    assert.equal(messages[0].to, voicePhone);
    assert.equal(messages[1].pin, messages[0].pin);
  });

  await t.test('verifyPhoneNumber: a wrong PIN costs an attempt, the right one verifies', async () => {
    const wrong = ok(await twoFA.verifyPhoneNumber(pinId, { pin: wrongPin(pin) }), 'verifyPhoneNumber (wrong)');
    assert.equal(wrong.pinId, pinId);
    assert.equal(wrong.msisdn, phone);
    assert.equal(wrong.verified, false);
    assert.equal(wrong.pinError, 'WRONG_PIN');
    assert.equal(wrong.attemptsRemaining, 2);

    const right = ok(await twoFA.verifyPhoneNumber(pinId, { pin }), 'verifyPhoneNumber (right)');
    assert.equal(right.verified, true);
    assert.equal(right.msisdn, phone);
    assert.equal(right.attemptsRemaining, 0, 'the right PIN answers attemptsRemaining 0, as the document shows');
    assert.ok(right.pinError === undefined || right.pinError === 'NO_ERROR', `no pinError, got ${right.pinError}`);
  });

  await t.test('verifyPhoneNumber of an unknown pinId is a 404', async () => {
    const missing = await twoFA.verifyPhoneNumber('0123456789ABCDEF0123456789ABCDEF', { pin: '12345' });
    assert.ok(missing instanceof Error, 'the SDK resolves an AxiosError');
    assert.equal(missing.response.status, 404);
  });

  await t.test('getVerificationStatus (GET …/verifications/?msisdn=) says the number is verified', async () => {
    const status = ok(await twoFA.getVerificationStatus(appId, { msisdn: phone }), 'getVerificationStatus');
    assert.equal(status.verifications.length, 1);
    const [verification] = status.verifications;
    assert.equal(verification.msisdn, phone);
    assert.equal(verification.verified, true);
    assert.ok(verification.sentAt > 0, `sentAt in epoch milliseconds, got ${verification.sentAt}`);
    assert.ok(verification.verifiedAt >= verification.sentAt, 'verified after it was sent');

    const unverified = ok(await twoFA.getVerificationStatus(appId, { msisdn: voicePhone }), 'getVerificationStatus (voice)');
    assert.deepEqual(unverified.verifications.map((v) => v.verified), [false]);
  });
});
