// The page's logic: create an application through the TypeScript client, read it back, show it.
// ?mock=<base url>&auth=<Authorization value> say which mock to call and as whom.
import { createTwoFactorClient, ApiException } from './client/index.js';

const params = new URLSearchParams(window.location.search);
const client = createTwoFactorClient(params.get('mock'), { authorization: params.get('auth') });
const $ = (id) => document.getElementById(id);

$('create').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('status').textContent = 'creating';
  $('error').hidden = true;
  try {
    const created = await client.createApplication({
      name: $('name').value,
      configuration: { pinTimeToLive: $('ttl').value },
    });
    const stored = await client.getApplication(created.applicationId);
    $('app-id').textContent = stored.applicationId;
    $('app-name').textContent = stored.name;
    $('app-enabled').textContent = String(stored.enabled);
    $('app-ttl').textContent = stored.configuration.pinTimeToLive;
    $('application').hidden = false;
    $('status').textContent = 'created';
  } catch (error) {
    const detail = ApiException.isApiException(error)
      ? `${error.status} ${error.result?.requestError?.serviceException?.messageId}: ${error.result?.requestError?.serviceException?.text}`
      : String(error);
    $('error').textContent = detail;
    $('error').hidden = false;
    $('status').textContent = 'failed';
  }
});
$('status').textContent = 'ready';
