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
