// The login journey through the TypeScript client: an application with pinAttempts 3 and a template, a PIN sent
// over SMS, then the code the person typed verified. ?mock=<base url>&auth=<Authorization value>.
import { createTwoFactorClient, ApiException } from './client/index.js';

const params = new URLSearchParams(window.location.search);
const client = createTwoFactorClient(params.get('mock'), { authorization: params.get('auth') });
const $ = (id) => document.getElementById(id);
let applicationId;
let messageId;
let pinId;

async function step(name, action) {
  $('status').textContent = name + '…';
  $('error').hidden = true;
  try {
    $('status').textContent = await action();
  } catch (error) {
    $('error').textContent = ApiException.isApiException(error)
      ? `${error.status} ${error.result?.requestError?.serviceException?.messageId}: ${error.result?.requestError?.serviceException?.text}`
      : String(error);
    $('error').hidden = false;
    $('status').textContent = 'failed';
  }
}

$('setup').addEventListener('click', () => step('setting up', async () => {
  const app = await client.createApplication({
    name: 'Browser login',
    // A generous verify limit: this page verifies several times in a row (the default is 1 per 3 s).
    configuration: { pinAttempts: 3, pinTimeToLive: '10m', verifyPinLimit: '20/1m' },
  });
  const template = await client.createMessageTemplate(
    { messageText: 'Your login code is {{pin}}', pinType: 'NUMERIC', pinLength: 6 }, app.applicationId);
  applicationId = app.applicationId;
  messageId = template.messageId;
  $('app-id').textContent = applicationId;
  $('template-id').textContent = messageId;
  return 'set up';
}));

$('send').addEventListener('submit', (event) => {
  event.preventDefault();
  step('sending', async () => {
    const sent = await client.sendPinOverSms({ applicationId, messageId, to: $('phone').value }, false);
    pinId = sent.pinId;
    $('pin-id').textContent = pinId;
    $('sms-status').textContent = sent.smsStatus;
    return 'sent';
  });
});

$('verify').addEventListener('submit', (event) => {
  event.preventDefault();
  step('verifying', async () => {
    const answer = await client.verifyPin({ pin: $('pin').value }, pinId);
    $('result').textContent = answer.verified ? 'verified' : answer.pinError;
    $('attempts').textContent = String(answer.attemptsRemaining);
    return answer.verified ? 'verified' : 'not verified';
  });
});
$('status').textContent = 'ready';
