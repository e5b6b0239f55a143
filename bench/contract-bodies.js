// Writes the contract's `basic` request bodies (create and update, JSON and XML) into the folder given as the
// second argument, so the benchmark sends exactly the documented requests and never a copy that can drift.
// Usage: node contract-bodies.js <openapi.yaml> <out-folder>; js-yaml comes with Prism in bench/.tools.
const fs = require('fs');
const path = require('path');
const yaml = require(path.join(__dirname, '.tools', 'node_modules', 'js-yaml'));

const [contractPath, outDir] = process.argv.slice(2);
const contract = yaml.load(fs.readFileSync(contractPath, 'utf8'));
const operations = { create: ['/2fa/2/applications', 'post'], update: ['/2fa/2/applications/{applicationId}', 'put'] };
fs.mkdirSync(outDir, { recursive: true });
for (const [name, [route, method]] of Object.entries(operations)) {
  const content = contract.paths[route][method].requestBody.content;
  fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(content['application/json'].examples.basic.value));
  fs.writeFileSync(path.join(outDir, `${name}.xml`), content['application/xml'].examples.basic.value);
}
// The examples-mode rows also send create's missingName request (answered with its documented 400).
const create = contract.paths['/2fa/2/applications'].post.requestBody.content;
fs.writeFileSync(path.join(outDir, 'create-missingName.json'), JSON.stringify(create['application/json'].examples.missingName.value));
fs.writeFileSync(path.join(outDir, 'create-missingName.xml'), create['application/xml'].examples.missingName.value);

// The PIN flow rows' bodies, when the contract has the flow (issue 15): the template's `basic` create request, and
// the send and verify requests with @APPLICATION_ID@, @MESSAGE_ID@ and @PIN@ where bench/run.sh puts the ids its
// setup created and the mock's fixed PIN (the verify example's own, in fixed-pin.txt). Found by operationId, so a renamed path parameter changes nothing here.
const byOperation = {};
for (const [route, item] of Object.entries(contract.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (operation && operation.operationId) byOperation[operation.operationId] = { route, method, operation };
  }
}
// An example, following a `$ref` into components/examples (the flow's examples are shared that way).
const resolve = (node) => {
  if (!node || !node.$ref) return node;
  return resolve(node.$ref.replace(/^#\//, '').split('/').reduce((at, key) => at[key], contract));
};
const example = (operationId, media, ...names) => {
  const examples = byOperation[operationId].operation.requestBody.content[media].examples;
  const name = names.find((n) => examples[n]) || Object.keys(examples)[0];
  return resolve(examples[name]).value;
};
if (byOperation.createMessageTemplate && byOperation.sendPinOverSms && byOperation.verifyPin) {
  fs.writeFileSync(path.join(outDir, 'template.json'), JSON.stringify(example('createMessageTemplate', 'application/json', 'basic')));
  const element = (xml, name, value) => xml.replace(new RegExp(`<${name}>[^<]*</${name}>`, 'g'), `<${name}>${value}</${name}>`);
  const send = { ...example('sendPinOverSms', 'application/json', 'basic'), applicationId: '@APPLICATION_ID@', messageId: '@MESSAGE_ID@' };
  fs.writeFileSync(path.join(outDir, 'send.json'), JSON.stringify(send));
  let sendXml = example('sendPinOverSms', 'application/xml', 'basic');
  sendXml = element(element(sendXml, 'applicationId', '@APPLICATION_ID@'), 'messageId', '@MESSAGE_ID@');
  fs.writeFileSync(path.join(outDir, 'send.xml'), sendXml);
  // The documented right PIN: bench/run.sh starts the mock with it as --fixed-pin.
  const verify = example('verifyPin', 'application/json', 'basic', 'verified');
  fs.writeFileSync(path.join(outDir, 'fixed-pin.txt'), String(verify.pin));
  fs.writeFileSync(path.join(outDir, 'verify.json'), JSON.stringify({ ...verify, pin: '@PIN@' }));
  fs.writeFileSync(path.join(outDir, 'verify.xml'), element(example('verifyPin', 'application/xml', 'basic', 'verified'), 'pin', '@PIN@'));
} else {
  for (const name of ['template.json', 'send.json', 'send.xml', 'verify.json', 'verify.xml', 'fixed-pin.txt']) fs.rmSync(path.join(outDir, name), { force: true });
}
