#!/usr/bin/env node
// document-server: an independent implementation of Infobip's 2FA API (applications, SMS/voice message
// templates, PIN flow) written only from Infobip's published OpenAPI document (version 3.210.0) and the
// notes beside it. Node 20, built-in modules only. See README.md beside this file.

import http from 'node:http';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

// ---------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------

function usage(message) {
  process.stderr.write(`document-server: ${message}\n` +
    'usage: node server.mjs [--port 0] [--window-ms 600000] [--forbidden "App forbidden-key"]... ' +
    '[--defect never-expire] [--defect resend-new-pin] [--strict-xml-roots]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { port: 0, windowMs: 600000, forbidden: [], defects: new Set(), strictXmlRoots: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
    const takeValue = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--port': {
        const v = takeValue();
        if (!/^\d+$/.test(v) || Number(v) > 65535) usage(`bad --port ${v}`);
        options.port = Number(v);
        break;
      }
      case '--window-ms': {
        const v = takeValue();
        if (!/^\d+$/.test(v) || Number(v) < 1) usage(`bad --window-ms ${v}`);
        options.windowMs = Number(v);
        break;
      }
      case '--forbidden':
        options.forbidden.push(takeValue());
        break;
      case '--defect': {
        const v = takeValue();
        if (v !== 'never-expire' && v !== 'resend-new-pin') usage(`unknown --defect ${v}`);
        options.defects.add(v);
        break;
      }
      case '--strict-xml-roots':
        options.strictXmlRoots = true;
        break;
      case '--help':
      case '-h':
        usage('help');
        break;
      default:
        usage(`unknown argument ${argv[i]}`);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, messageId, text, validationErrors, headers) {
    super(text);
    this.status = status;
    this.messageId = messageId;
    this.text = text;
    this.validationErrors = validationErrors;
    this.headers = headers;
  }
}

const notFound = () => new ApiError(404, 'NOT_FOUND', 'Not found');
const badRequest = (text, validationErrors) => new ApiError(400, 'BAD_REQUEST', text, validationErrors);
const tooMany = (text = 'Too many requests') => new ApiError(429, 'TOO_MANY_REQUESTS', text);

// Collects field errors; throws one 400 with all of them.
class FieldErrors {
  constructor() { this.map = {}; this.first = null; }
  add(field, message) {
    (this.map[field] ??= []).push(message);
    this.first ??= `${field}: ${message}`;
  }
  get any() { return this.first !== null; }
  throwIfAny() {
    if (this.any) throw badRequest(`Invalid request. ${this.first}`, this.map);
  }
}

// ---------------------------------------------------------------------------------------------------------
// XML: a small reader (elements, text, CDATA, comments, processing instructions, attributes ignored)
// and a writer in the layout of the document's examples.
// ---------------------------------------------------------------------------------------------------------

class XmlSyntaxError extends Error {}

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (whole, body) => {
    if (body === undefined) throw new XmlSyntaxError('bare & in text');
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlSyntaxError(`bad character reference ${whole}`);
      return String.fromCodePoint(code);
    }
    switch (body) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: throw new XmlSyntaxError(`unknown entity ${whole}`);
    }
  });
}

function parseXmlDocument(input) {
  const s = input.replace(/^\uFEFF/, '');
  let i = 0;
  const fail = (message) => { throw new XmlSyntaxError(`${message} at offset ${i}`); };
  const nameRe = /[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?/y;

  const skipMisc = () => {
    for (;;) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (s.startsWith('<?', i)) {
        const end = s.indexOf('?>', i + 2);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<!', i)) {
        fail('DOCTYPE and other declarations are not accepted');
      } else {
        return;
      }
    }
  };

  const readName = () => {
    nameRe.lastIndex = i;
    const m = nameRe.exec(s);
    if (!m) fail('element name expected');
    i = nameRe.lastIndex;
    return m[0];
  };

  const localName = (name) => name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;

  const parseElement = (depth) => {
    if (depth > 64) fail('elements nested too deeply');
    if (s[i] !== '<') fail('"<" expected');
    i++;
    const name = readName();
    // attributes (ignored)
    for (;;) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (s.startsWith('/>', i)) { i += 2; return { name: localName(name), children: [], text: '' }; }
      if (s[i] === '>') { i++; break; }
      if (i >= s.length) fail('unterminated start tag');
      readName();
      while (/\s/.test(s[i] ?? '')) i++;
      if (s[i] !== '=') fail('"=" expected in attribute');
      i++;
      while (/\s/.test(s[i] ?? '')) i++;
      const quote = s[i];
      if (quote !== '"' && quote !== "'") fail('quoted attribute value expected');
      const end = s.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute value');
      decodeEntities(s.slice(i + 1, end));
      i = end + 1;
    }
    const element = { name: localName(name), children: [], text: '' };
    for (;;) {
      if (i >= s.length) fail(`unterminated element <${name}>`);
      if (s.startsWith('</', i)) {
        i += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> does not close <${name}>`);
        while (/\s/.test(s[i] ?? '')) i++;
        if (s[i] !== '>') fail('">" expected');
        i++;
        return element;
      }
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i + 9);
        if (end < 0) fail('unterminated CDATA');
        element.text += s.slice(i + 9, end);
        i = end + 3;
      } else if (s.startsWith('<?', i)) {
        const end = s.indexOf('?>', i + 2);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else if (s[i] === '<') {
        element.children.push(parseElement(depth + 1));
      } else {
        const end = s.indexOf('<', i);
        const raw = end < 0 ? s.slice(i) : s.slice(i, end);
        element.text += decodeEntities(raw);
        i = end < 0 ? s.length : end;
      }
    }
  };

  skipMisc();
  if (i >= s.length) fail('no root element');
  const root = parseElement(0);
  skipMisc();
  if (i < s.length) fail('content after the root element');
  return root;
}

// Element -> plain value: a leaf is its text (a string); an element with children is an object whose
// repeated child names become arrays.
function xmlToValue(element) {
  if (element.children.length === 0) return element.text;
  const out = Object.create(null);
  for (const child of element.children) {
    const value = xmlToValue(child);
    if (Object.prototype.hasOwnProperty.call(out, child.name)) {
      // leaves are strings and inner elements objects, so an array here can only be a repetition
      if (!Array.isArray(out[child.name])) out[child.name] = [out[child.name]];
      out[child.name].push(value);
    } else {
      out[child.name] = value;
    }
  }
  return out;
}

function xmlEscape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const DOUBLE_FIELDS = new Set(['speechRate']);

function xmlScalar(key, value) {
  if (typeof value === 'number' && DOUBLE_FIELDS.has(key) && Number.isInteger(value)) return value.toFixed(1);
  return xmlEscape(String(value));
}

// Arrays inside objects are written the Jackson way the document's examples show: a wrapper element named
// after the property, holding one element per item, also named after the property
// (<verifications><verifications>…</verifications></verifications>). A top-level array holds <item>s.
function xmlElement(name, value, indent) {
  const pad = '  '.repeat(indent);
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}<${name}/>\n`;
    return `${pad}<${name}>\n${value.map((v) => xmlElement(name, v, indent + 1)).join('')}${pad}</${name}>\n`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => xmlElement(k, v, indent + 1)).join('');
    if (!inner) return `${pad}<${name}/>\n`;
    return `${pad}<${name}>\n${inner}${pad}</${name}>\n`;
  }
  return `${pad}<${name}>${xmlScalar(name, value)}</${name}>\n`;
}

function toXmlDocument(rootName, value) {
  let inner;
  if (Array.isArray(value)) {
    inner = value.map((v) => xmlElement('item', v, 1)).join('');
  } else {
    inner = Object.entries(value).map(([k, v]) => xmlElement(k, v, 1)).join('');
  }
  const body = inner ? `<${rootName}>\n${inner}</${rootName}>\n` : `<${rootName}/>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}

// ---------------------------------------------------------------------------------------------------------
// Content negotiation and answers
// ---------------------------------------------------------------------------------------------------------

// Returns 'xml' when the best acceptable type the server can produce is XML, otherwise 'json' (also when
// nothing acceptable can be produced: the server then answers JSON anyway, never 406).
function negotiate(acceptHeader) {
  if (!acceptHeader) return 'json';
  let best = null;
  const ranges = String(acceptHeader).split(',');
  ranges.forEach((range, index) => {
    const parts = range.trim().split(';');
    const type = parts[0].trim().toLowerCase();
    let q = 1;
    for (const p of parts.slice(1)) {
      const [k, v] = p.split('=').map((x) => x.trim());
      if (k.toLowerCase() === 'q') { const n = Number(v); q = Number.isFinite(n) ? n : 0; }
    }
    if (q <= 0) return;
    let format = null;
    if (type === 'application/json' || type.endsWith('+json') || type === 'application/*' || type === '*/*') format = 'json';
    else if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) format = 'xml';
    if (!format) return;
    // more specific type wins at equal q, then the earlier one
    const specificity = type.endsWith('/*') ? 0 : 1;
    if (!best || q > best.q || (q === best.q && specificity > best.specificity)) best = { q, format, specificity, index };
  });
  return best ? best.format : 'json';
}

function send(res, status, format, rootName, value, extraHeaders = {}) {
  const body = format === 'xml' ? toXmlDocument(rootName, value) : JSON.stringify(value);
  const contentType = format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'X-Request-Id': randomUUID(),
    ...extraHeaders,
  });
  res.end(body);
}

function sendError(res, format, error) {
  const details = { messageId: error.messageId, text: error.text };
  // validationErrors (optional in the document's schema) are written in JSON answers only.
  if (error.validationErrors && format === 'json') details.validationErrors = error.validationErrors;
  send(res, error.status, format, 'ApiException', { requestError: { serviceException: details } }, error.headers);
}

// ---------------------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------------------

const MAX_BODY = 1024 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) { tooLarge = true; return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function requestFormat(contentTypeHeader) {
  if (!contentTypeHeader) return 'json';
  const type = String(contentTypeHeader).split(';')[0].trim().toLowerCase();
  if (type === '' || type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  return null;
}

// Parses the body into { value, xml, root } or { value: undefined } when it is empty.
function parseBody(req, raw, expectedRoots) {
  if (raw === null) throw badRequest('Request body too large');
  const text = raw.toString('utf8');
  if (text.trim() === '') return { value: undefined, xml: false };
  const format = requestFormat(req.headers['content-type']);
  if (format === null) {
    throw badRequest(`Unsupported Content-Type "${req.headers['content-type']}": send application/json or application/xml`);
  }
  if (format === 'json') {
    let value;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw badRequest(`Malformed JSON body: ${e.message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw badRequest('The request body must be a JSON object');
    }
    return { value, xml: false };
  }
  let root;
  try {
    root = parseXmlDocument(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw badRequest(`Malformed XML body: ${e.message}`);
    throw e;
  }
  if (options.strictXmlRoots && expectedRoots && !expectedRoots.includes(root.name)) {
    throw badRequest(`Unexpected XML root <${root.name}>; expected <${expectedRoots.join('> or <')}>`);
  }
  const value = xmlToValue(root);
  return { value: typeof value === 'string' ? {} : value, xml: true, root: root.name };
}

// Typed readers. In JSON the type must be right; in XML every leaf is text and is converted.
// null (JSON) is treated as absent.
function readString(obj, key, errors, path = key) {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  errors.add(path, 'must be a string');
  return undefined;
}

function readBoolean(obj, key, errors, xml, path = key) {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (xml && typeof v === 'string') {
    const t = v.trim();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  errors.add(path, 'must be a boolean (true or false)');
  return undefined;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function readInt32(obj, key, errors, xml, path = key) {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  let n;
  if (typeof v === 'number') n = v;
  else if (xml && typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) n = Number(v.trim());
  if (n === undefined || !Number.isInteger(n) || n < INT32_MIN || n > INT32_MAX) {
    errors.add(path, 'must be a 32-bit integer');
    return undefined;
  }
  return n;
}

function readDouble(obj, key, errors, xml, path = key) {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  let n;
  if (typeof v === 'number') n = v;
  else if (xml && typeof v === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) n = Number(v.trim());
  if (n === undefined || !Number.isFinite(n)) {
    errors.add(path, 'must be a number');
    return undefined;
  }
  return n;
}

function readObject(obj, key, errors, xml, path = key) {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) return v;
  if (xml && typeof v === 'string' && v.trim() === '') return {};
  errors.add(path, 'must be an object');
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Time and limit formats: {timeLength}{timeUnit} and {attempts}/{timeLength}{timeUnit}
// ---------------------------------------------------------------------------------------------------------

const UNIT_MS = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };
const ONE_DAY_MS = 86400000;
const ONE_YEAR_MS = 365 * ONE_DAY_MS;

function parseTimeLength(text) {
  const m = /^(\d*)(ms|s|m|h|d)$/.exec(text);
  if (!m) return null;
  const length = m[1] === '' ? 1 : Number(m[1]);
  return length * UNIT_MS[m[2]];
}

function parseLimit(text) {
  const m = /^(\d+)\/(\d*(?:ms|s|m|h|d))$/.exec(text);
  if (!m) return null;
  const windowMs = parseTimeLength(m[2]);
  if (windowMs === null) return null;
  return { attempts: Number(m[1]), windowMs };
}

// ---------------------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------------------

const newId = () => randomBytes(16).toString('hex').toUpperCase();

// account key -> { apps: Map<appId, app>, pins: Map<pinId, pin> }
const accounts = new Map();
// every pin of every account, for the side door
const allPins = new Map();

function accountState(key) {
  let state = accounts.get(key);
  if (!state) {
    state = { apps: new Map(), pins: new Map() };
    accounts.set(key, state);
  }
  return state;
}

// Sliding-window counters: key -> array of timestamps (ms) of accepted requests.
const windows = new Map();

function windowHasRoom(key, max, windowMs, now) {
  const list = windows.get(key);
  if (!list) return max > 0;
  let drop = 0;
  while (drop < list.length && list[drop] <= now - windowMs) drop++;
  if (drop) list.splice(0, drop);
  return list.length < max;
}

function windowRecord(key, now) {
  let list = windows.get(key);
  if (!list) { list = []; windows.set(key, list); }
  list.push(now);
}

// ---------------------------------------------------------------------------------------------------------
// Authentication
// ---------------------------------------------------------------------------------------------------------

const SCHEMES = new Map([['basic', 'Basic'], ['app', 'App'], ['ibsso', 'IBSSO'], ['bearer', 'Bearer']]);

function normaliseCredential(text) {
  const m = /^\s*(\S+)\s+(.*?)\s*$/.exec(String(text));
  if (!m) return null;
  const scheme = SCHEMES.get(m[1].toLowerCase());
  if (!scheme || m[2] === '') return null;
  return { scheme, value: m[2], key: `${scheme} ${m[2]}` };
}

const forbidden = options.forbidden.map((f) => {
  const c = normaliseCredential(f);
  return c ? { key: c.key } : { value: f.trim() };
});

function authenticate(req) {
  const header = req.headers.authorization;
  const credential = header ? normaliseCredential(header) : null;
  if (!credential) throw new ApiError(401, 'UNAUTHORIZED', 'Invalid login details');
  for (const f of forbidden) {
    if ((f.key && f.key === credential.key) || (f.value !== undefined && f.value === credential.value)) {
      throw new ApiError(403, 'FORBIDDEN', 'Forbidden');
    }
  }
  return credential.key;
}

const THROTTLE = { listApplications: 50, createApplication: 20, getApplication: 100, updateApplication: 40,
  createEmailTemplate: 20, updateEmailTemplate: 40 };

function throttle(account, operation) {
  const key = `throttle|${account}|${operation}`;
  const now = Date.now();
  if (!windowHasRoom(key, THROTTLE[operation], options.windowMs, now)) throw tooMany('Too many requests');
  windowRecord(key, now);
}

// ---------------------------------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------------------------------

const APP_DEFAULTS = {
  pinAttempts: 10,
  allowMultiplePinVerifications: true,
  pinTimeToLive: '15m',
  verifyPinLimit: '1/3s',
  sendPinPerApplicationLimit: '10000/1d',
  sendPinPerPhoneNumberLimit: '3/1d',
};

const APP_XML_ROOTS = ['ApplicationRequest'];

function validateApplicationRequest(body, xml) {
  const errors = new FieldErrors();
  const out = {};
  const obj = body ?? {};
  out.name = readString(obj, 'name', errors);
  if (obj.name === undefined || obj.name === null) errors.add('name', 'is required');
  out.enabled = readBoolean(obj, 'enabled', errors, xml);
  const configuration = readObject(obj, 'configuration', errors, xml);
  if (configuration) {
    const c = {};
    c.pinAttempts = readInt32(configuration, 'pinAttempts', errors, xml, 'configuration.pinAttempts');
    c.allowMultiplePinVerifications = readBoolean(configuration, 'allowMultiplePinVerifications', errors, xml,
      'configuration.allowMultiplePinVerifications');
    const ttl = readString(configuration, 'pinTimeToLive', errors, 'configuration.pinTimeToLive');
    if (ttl !== undefined) {
      const ms = parseTimeLength(ttl);
      if (ms === null) errors.add('configuration.pinTimeToLive', 'must have the format {timeLength}{timeUnit}, timeUnit one of ms, s, m, h, d');
      else if (ms > ONE_YEAR_MS) errors.add('configuration.pinTimeToLive', 'must not exceed one year');
      else c.pinTimeToLive = ttl;
    }
    for (const [field, max, maxText] of [
      ['verifyPinLimit', ONE_DAY_MS, 'one day'],
      ['sendPinPerApplicationLimit', ONE_YEAR_MS, 'one year'],
      ['sendPinPerPhoneNumberLimit', ONE_YEAR_MS, 'one year'],
    ]) {
      const text = readString(configuration, field, errors, `configuration.${field}`);
      if (text === undefined) continue;
      const limit = parseLimit(text);
      if (limit === null) errors.add(`configuration.${field}`, 'must have the format {attempts}/{timeLength}{timeUnit}, timeUnit one of ms, s, m, h, d');
      else if (limit.windowMs > max) errors.add(`configuration.${field}`, `must not exceed ${maxText}`);
      else c[field] = text;
    }
    out.configuration = c;
  }
  errors.throwIfAny();
  return out;
}

function applicationView(app) {
  const c = app.configuration;
  return {
    applicationId: app.applicationId,
    name: app.name,
    configuration: {
      pinAttempts: c.pinAttempts,
      allowMultiplePinVerifications: c.allowMultiplePinVerifications,
      pinTimeToLive: c.pinTimeToLive,
      verifyPinLimit: c.verifyPinLimit,
      sendPinPerApplicationLimit: c.sendPinPerApplicationLimit,
      sendPinPerPhoneNumberLimit: c.sendPinPerPhoneNumberLimit,
    },
    enabled: app.enabled,
  };
}

function findApp(ctx, appId) {
  const app = ctx.state.apps.get(appId);
  if (!app) throw notFound();
  return app;
}

function listApplications(ctx) {
  throttle(ctx.account, 'listApplications');
  const list = [...ctx.state.apps.values()].map(applicationView);
  return [200, 'ApplicationResponses', list];
}

function createApplication(ctx) {
  throttle(ctx.account, 'createApplication');
  const body = ctx.body(APP_XML_ROOTS);
  const request = validateApplicationRequest(body.value, body.xml);
  const configuration = { ...APP_DEFAULTS };
  for (const [k, v] of Object.entries(request.configuration ?? {})) if (v !== undefined) configuration[k] = v;
  const app = {
    applicationId: newId(),
    name: request.name,
    enabled: request.enabled ?? true,
    configuration,
    templates: new Map(),
  };
  ctx.state.apps.set(app.applicationId, app);
  return [201, 'ApplicationResponse', applicationView(app)];
}

function getApplication(ctx, { appId }) {
  throttle(ctx.account, 'getApplication');
  return [200, 'ApplicationResponse', applicationView(findApp(ctx, appId))];
}

function updateApplication(ctx, { appId }) {
  throttle(ctx.account, 'updateApplication');
  const body = ctx.body(APP_XML_ROOTS);
  const app = findApp(ctx, appId);
  const request = validateApplicationRequest(body.value, body.xml);
  app.name = request.name;
  if (request.enabled !== undefined) app.enabled = request.enabled;
  for (const [k, v] of Object.entries(request.configuration ?? {})) if (v !== undefined) app.configuration[k] = v;
  return [200, 'ApplicationResponse', applicationView(app)];
}

// ---------------------------------------------------------------------------------------------------------
// Message templates (SMS / voice)
// ---------------------------------------------------------------------------------------------------------

const PIN_TYPES = ['NUMERIC', 'ALPHA', 'HEX', 'ALPHANUMERIC'];
const LANGUAGES = ['en', 'es', 'ca', 'da', 'nl', 'fr', 'de', 'it', 'ja', 'ko', 'no', 'pl', 'ru', 'sv', 'fi', 'hr',
  'sl', 'ro', 'pt_pt', 'pt_br', 'zh_cn', 'zh_tw'];
const DEFAULT_PIN_LENGTH = 4;
const DEFAULT_LANGUAGE = 'en';
const PIN_PLACEHOLDER = '{{pin}}';

function validateTemplateRequest(body, xml, creating) {
  const errors = new FieldErrors();
  const obj = body ?? {};
  const out = {};
  out.messageText = readString(obj, 'messageText', errors);
  if (out.messageText !== undefined && !out.messageText.includes(PIN_PLACEHOLDER)) {
    errors.add('messageText', 'must contain the {{pin}} placeholder');
  }
  if (creating && (obj.messageText === undefined || obj.messageText === null)) errors.add('messageText', 'is required');
  out.pinType = readString(obj, 'pinType', errors);
  if (out.pinType !== undefined && !PIN_TYPES.includes(out.pinType)) {
    errors.add('pinType', `must be one of ${PIN_TYPES.join(', ')}`);
  }
  if (creating && (obj.pinType === undefined || obj.pinType === null)) errors.add('pinType', 'is required');
  out.pinLength = readInt32(obj, 'pinLength', errors, xml);
  out.language = readString(obj, 'language', errors);
  if (out.language !== undefined && !LANGUAGES.includes(out.language)) {
    errors.add('language', `must be one of ${LANGUAGES.join(', ')}`);
  }
  out.senderId = readString(obj, 'senderId', errors);
  out.repeatDTMF = readString(obj, 'repeatDTMF', errors);
  out.voiceName = readString(obj, 'voiceName', errors);
  out.speechRate = readDouble(obj, 'speechRate', errors, xml);
  if (out.speechRate !== undefined && (out.speechRate < 0.5 || out.speechRate > 2)) {
    errors.add('speechRate', 'must be between 0.5 and 2');
  }
  const regional = readObject(obj, 'regional', errors, xml);
  if (regional) {
    const r = {};
    const dlt = readObject(regional, 'indiaDlt', errors, xml, 'regional.indiaDlt');
    if (dlt) {
      const d = {};
      for (const [field, max, required] of [
        ['contentTemplateId', 30, false], ['principalEntityId', 30, true], ['teleMarketerId', 255, false]]) {
        const v = readString(dlt, field, errors, `regional.indiaDlt.${field}`);
        if (v === undefined) {
          if (required && (dlt[field] === undefined || dlt[field] === null)) errors.add(`regional.indiaDlt.${field}`, 'is required');
          continue;
        }
        if (v.length > max) errors.add(`regional.indiaDlt.${field}`, `must be at most ${max} characters`);
        d[field] = v;
      }
      r.indiaDlt = d;
    }
    out.regional = r;
  }
  errors.throwIfAny();
  return out;
}

const TEMPLATE_FIELDS = ['messageText', 'pinLength', 'pinType', 'language', 'voiceName', 'senderId', 'repeatDTMF',
  'speechRate', 'regional', 'from', 'emailTemplateId', 'landingPageId'];

// Email templates: the document's CreateEmailMessageRequest (emailTemplateId required; pinType NUMERIC and
// pinLength 4 by default) and UpdateEmailMessageRequest (nothing required); answered as EmailMessage.
const EMAIL_TEMPLATE_FIELDS = ['pinType', 'pinLength', 'from', 'emailTemplateId', 'landingPageId'];

function validateEmailTemplateRequest(body, xml, creating) {
  const errors = new FieldErrors();
  const obj = body ?? {};
  const out = {};
  out.pinType = readString(obj, 'pinType', errors);
  if (out.pinType !== undefined && !PIN_TYPES.includes(out.pinType)) errors.add('pinType', `must be one of ${PIN_TYPES.join(', ')}`);
  out.pinLength = readInt32(obj, 'pinLength', errors, xml);
  out.from = readString(obj, 'from', errors);
  out.landingPageId = readString(obj, 'landingPageId', errors);
  const id = obj.emailTemplateId;
  if (id === undefined || id === null) {
    if (creating) errors.add('emailTemplateId', 'is required');
  } else if (typeof id === 'number' && Number.isSafeInteger(id)) out.emailTemplateId = id;
  else if (xml && typeof id === 'string' && /^[+-]?\d+$/.test(id.trim())) out.emailTemplateId = Number(id.trim());
  else errors.add('emailTemplateId', 'must be a 64-bit integer');
  errors.throwIfAny();
  return out;
}

function emailTemplateView(template) {
  const view = { messageId: template.messageId, applicationId: template.applicationId };
  for (const field of EMAIL_TEMPLATE_FIELDS) if (template[field] !== undefined) view[field] = template[field];
  return view;
}

function createEmailTemplate(ctx, { appId }) {
  throttle(ctx.account, 'createEmailTemplate');
  const body = ctx.body(['CreateEmailMessageRequest']);
  const app = findApp(ctx, appId);
  const request = validateEmailTemplateRequest(body.value, body.xml, true);
  const template = { messageId: newId(), applicationId: app.applicationId, email: true, pinType: 'NUMERIC', pinLength: DEFAULT_PIN_LENGTH };
  for (const field of EMAIL_TEMPLATE_FIELDS) if (request[field] !== undefined) template[field] = request[field];
  app.templates.set(template.messageId, template);
  return [200, 'EmailMessage', emailTemplateView(template)];
}

function updateEmailTemplate(ctx, { appId, msgId }) {
  throttle(ctx.account, 'updateEmailTemplate');
  const body = ctx.body(['UpdateEmailMessageRequest']);
  const template = findTemplate(findApp(ctx, appId), msgId);
  if (!template.email) throw notFound();
  const request = validateEmailTemplateRequest(body.value, body.xml, false);
  for (const field of EMAIL_TEMPLATE_FIELDS) if (request[field] !== undefined) template[field] = request[field];
  return [200, 'EmailMessage', emailTemplateView(template)];
}

function templateView(template) {
  const view = {
    messageId: template.messageId,
    applicationId: template.applicationId,
    pinPlaceholder: PIN_PLACEHOLDER,
  };
  for (const field of TEMPLATE_FIELDS) if (template[field] !== undefined) view[field] = template[field];
  return view;
}

function listTemplates(ctx, { appId }) {
  const app = findApp(ctx, appId);
  return [200, 'Messages', [...app.templates.values()].map(templateView)];
}

function createTemplate(ctx, { appId }) {
  const body = ctx.body(['CreateSmsOrVoiceMessageRequest']);
  const app = findApp(ctx, appId);
  const request = validateTemplateRequest(body.value, body.xml, true);
  const template = { messageId: newId(), applicationId: app.applicationId };
  for (const field of TEMPLATE_FIELDS) if (request[field] !== undefined) template[field] = request[field];
  template.pinLength ??= DEFAULT_PIN_LENGTH;
  template.language ??= DEFAULT_LANGUAGE;
  app.templates.set(template.messageId, template);
  return [200, 'SmsOrVoiceMessage', templateView(template)];
}

function findTemplate(app, msgId) {
  const template = app.templates.get(msgId);
  if (!template) throw notFound();
  return template;
}

function getTemplate(ctx, { appId, msgId }) {
  const template = findTemplate(findApp(ctx, appId), msgId);
  return [200, 'Message', templateView(template)];
}

function updateTemplate(ctx, { appId, msgId }) {
  const body = ctx.body(['UpdateSmsOrVoiceMessageRequest']);
  const template = findTemplate(findApp(ctx, appId), msgId);
  const request = validateTemplateRequest(body.value, body.xml, false);
  for (const field of TEMPLATE_FIELDS) if (request[field] !== undefined) template[field] = request[field];
  return [200, 'SmsOrVoiceMessage', templateView(template)];
}

// ---------------------------------------------------------------------------------------------------------
// PIN flow
// ---------------------------------------------------------------------------------------------------------

const ALPHABETS = {
  NUMERIC: '0123456789',
  ALPHA: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  HEX: '0123456789ABCDEF',
  ALPHANUMERIC: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
};
const MAX_GENERATED_PIN_LENGTH = 1000;

function generatePin(template, differentFrom) {
  const alphabet = ALPHABETS[template.pinType] ?? ALPHABETS.NUMERIC;
  let length = template.pinLength ?? DEFAULT_PIN_LENGTH;
  if (!(length >= 1)) length = DEFAULT_PIN_LENGTH;
  length = Math.min(length, MAX_GENERATED_PIN_LENGTH);
  for (let tries = 0; ; tries++) {
    let code = '';
    for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
    if (code !== differentFrom || tries > 20) return code;
  }
}

function readPlaceholders(obj, errors, xml) {
  const placeholders = readObject(obj, 'placeholders', errors, xml);
  if (!placeholders) return undefined;
  const out = Object.create(null);
  for (const [k, v] of Object.entries(placeholders)) {
    if (typeof v !== 'string') { errors.add(`placeholders.${k}`, 'must be a string'); continue; }
    if (/[{}]/.test(k)) errors.add(`placeholders.${k}`, 'placeholder keys must not contain curly brackets');
    else if (k === 'pin') errors.add('placeholders.pin', 'the pin placeholder must not be given');
    out[k] = v;
  }
  return out;
}

function checkSendLimits(ctx, app, to) {
  const now = Date.now();
  const perApp = parseLimit(app.configuration.sendPinPerApplicationLimit);
  const perPhone = parseLimit(app.configuration.sendPinPerPhoneNumberLimit);
  const appKey = `sendApp|${ctx.account}|${app.applicationId}`;
  const phoneKey = `sendPhone|${ctx.account}|${app.applicationId}|${to}`;
  if (!windowHasRoom(appKey, perApp.attempts, perApp.windowMs, now)) {
    throw tooMany('Too many requests: sendPinPerApplicationLimit reached for this application');
  }
  if (!windowHasRoom(phoneKey, perPhone.attempts, perPhone.windowMs, now)) {
    throw tooMany('Too many requests: sendPinPerPhoneNumberLimit reached for this phone number');
  }
  windowRecord(appKey, now);
  windowRecord(phoneKey, now);
}

function sendAnswer(pin, channel, trackDelivery, numberLookup) {
  const answer = { pinId: pin.pinId, to: pin.to };
  if (channel === 'email') {
    answer.emailStatus = { name: 'PENDING_ACCEPTED', description: 'Message accepted, pending for delivery.' };
    return [200, 'StartEmailAuthenticationResponse', answer];
  }
  if (channel === 'voice') {
    answer.callStatus = 'PENDING_ACCEPTED';
  } else {
    if (numberLookup) answer.ncStatus = 'NC_DESTINATION_REACHABLE';
    answer.smsStatus = 'MESSAGE_SENT';
  }
  if (trackDelivery) answer.externalMessageId = randomUUID();
  return [200, 'StartAuthenticationResponse', answer];
}

function parseBooleanQuery(ctx, name) {
  const values = ctx.query.getAll(name);
  if (values.length === 0) return undefined;
  const v = values[0].trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badRequest(`Query parameter ${name} must be true or false`, { [name]: ['must be true or false'] });
}

function sendPin(ctx, channel) {
  const numberLookup = channel === 'sms' ? (parseBooleanQuery(ctx, 'ncNeeded') ?? true) : false;
  const body = ctx.body([channel === 'email' ? 'StartEmailAuthenticationRequest' : 'StartAuthenticationRequest']);
  const errors = new FieldErrors();
  const obj = body.value ?? {};
  const applicationId = readString(obj, 'applicationId', errors);
  const messageId = readString(obj, 'messageId', errors);
  const to = readString(obj, 'to', errors);
  for (const field of ['applicationId', 'messageId', 'to']) {
    if (obj[field] === undefined || obj[field] === null) errors.add(field, 'is required');
  }
  readString(obj, 'from', errors);
  readPlaceholders(obj, errors, body.xml);
  if (channel === 'email') readObject(obj, 'landingPagePlaceholders', errors, body.xml);
  const trackDelivery = channel === 'email' ? false : readBoolean(obj, 'trackDelivery', errors, body.xml) ?? false;
  errors.throwIfAny();

  const app = ctx.state.apps.get(applicationId);
  if (!app) throw badRequest(`Application ${applicationId} does not exist`, { applicationId: ['unknown application'] });
  const template = app.templates.get(messageId);
  if (!template) throw badRequest(`Message template ${messageId} does not exist in application ${applicationId}`, { messageId: ['unknown message template'] });
  if (Boolean(template.email) !== (channel === 'email')) {
    throw badRequest(`Message template ${messageId} is not a template of the ${channel} channel`, { messageId: ['wrong channel'] });
  }
  if (!app.enabled) throw badRequest(`Application ${applicationId} is disabled: it sends no PINs`);
  checkSendLimits(ctx, app, to);

  const now = Date.now();
  const ttl = parseTimeLength(app.configuration.pinTimeToLive);
  const pin = {
    pinId: newId(),
    account: ctx.account,
    applicationId: app.applicationId,
    messageId: template.messageId,
    to,
    code: generatePin(template),
    sentAt: now,
    expiresAt: now + ttl,
    attemptsRemaining: Math.max(0, app.configuration.pinAttempts),
    verifiedAt: undefined,
  };
  ctx.state.pins.set(pin.pinId, pin);
  allPins.set(pin.pinId, pin);
  return sendAnswer(pin, channel, trackDelivery, numberLookup);
}

function findPin(ctx, pinId) {
  const pin = ctx.state.pins.get(pinId);
  if (!pin) throw notFound();
  return pin;
}

function resendPin(ctx, { pinId }, channel) {
  const body = ctx.body([channel === 'email' ? 'ResendPinRequestViaEmail' : 'ResendPinRequest']);
  const pin = findPin(ctx, pinId);
  const errors = new FieldErrors();
  const obj = body.value ?? {};
  readPlaceholders(obj, errors, body.xml);
  if (channel === 'email') readObject(obj, 'landingPagePlaceholders', errors, body.xml);
  const trackDelivery = channel === 'email' ? false : readBoolean(obj, 'trackDelivery', errors, body.xml) ?? false;
  errors.throwIfAny();
  const app = ctx.state.apps.get(pin.applicationId);
  if (Boolean(app.templates.get(pin.messageId)?.email) !== (channel === 'email')) {
    throw badRequest(`PIN ${pinId} was not sent with a template of the ${channel} channel`, { pinId: ['wrong channel'] });
  }
  if (!app.enabled) throw badRequest(`Application ${app.applicationId} is disabled: it sends no PINs`);
  checkSendLimits(ctx, app, pin.to);
  if (options.defects.has('resend-new-pin')) {
    // PLANTED DEFECT: the document says a resend sends the same PIN.
    const template = app.templates.get(pin.messageId);
    pin.code = generatePin(template, pin.code);
  }
  return sendAnswer(pin, channel, trackDelivery, channel === 'sms');
}

function verifyPin(ctx, { pinId }) {
  const body = ctx.body(['VerifyPinRequest']);
  const pin = findPin(ctx, pinId);
  const errors = new FieldErrors();
  const obj = body.value ?? {};
  const given = readString(obj, 'pin', errors);
  if (obj.pin === undefined || obj.pin === null) errors.add('pin', 'is required');
  errors.throwIfAny();

  const app = ctx.state.apps.get(pin.applicationId);
  const limit = parseLimit(app.configuration.verifyPinLimit);
  const key = `verify|${ctx.account}|${app.applicationId}|${pin.to}`;
  const now = Date.now();
  if (!windowHasRoom(key, limit.attempts, limit.windowMs, now)) {
    throw tooMany('Too many requests: verifyPinLimit reached for this phone number');
  }
  windowRecord(key, now);

  const answer = (verified, attemptsRemaining, pinError) => {
    const a = { pinId: pin.pinId, msisdn: pin.to, verified, attemptsRemaining };
    if (pinError) a.pinError = pinError;
    return [200, 'VerifyPinResponse', a];
  };

  if (pin.verifiedAt !== undefined && !app.configuration.allowMultiplePinVerifications) {
    return answer(false, 0, 'NO_MORE_PIN_ATTEMPTS');
  }
  if (pin.attemptsRemaining <= 0) return answer(false, 0, 'NO_MORE_PIN_ATTEMPTS');
  if (!options.defects.has('never-expire') && now >= pin.expiresAt) {
    return answer(false, pin.attemptsRemaining, 'TTL_EXPIRED');
  }
  if (given !== pin.code) {
    pin.attemptsRemaining -= 1;
    return answer(false, pin.attemptsRemaining, 'WRONG_PIN');
  }
  pin.verifiedAt = now;
  // The document's example answers a verified PIN with attemptsRemaining 0 and no pinError.
  return answer(true, 0);
}

function verificationStatus(ctx, { appId }) {
  const app = findApp(ctx, appId);
  const msisdn = ctx.query.get('msisdn');
  if (msisdn === null || msisdn === '') {
    throw badRequest('Query parameter msisdn is required', { msisdn: ['is required'] });
  }
  const verified = parseBooleanQuery(ctx, 'verified');
  const sent = parseBooleanQuery(ctx, 'sent');
  const verifications = [];
  for (const pin of ctx.state.pins.values()) {
    if (pin.applicationId !== app.applicationId || pin.to !== msisdn) continue;
    const isVerified = pin.verifiedAt !== undefined;
    if (verified !== undefined && verified !== isVerified) continue;
    if (sent === false) continue; // every PIN this server knows was sent
    const v = { msisdn: pin.to, verified: isVerified };
    if (isVerified) v.verifiedAt = pin.verifiedAt;
    v.sentAt = pin.sentAt;
    verifications.push(v);
  }
  return [200, 'VerificationResponse', { verifications }];
}

// ---------------------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------------------

const SEG = '([^/]+)';
const routes = [
  { re: /^\/2fa\/2\/applications$/, methods: { GET: listApplications, POST: createApplication } },
  { re: new RegExp(`^/2fa/2/applications/${SEG}/email/messages/${SEG}$`), params: ['appId', 'msgId'], methods: { PUT: updateEmailTemplate } },
  { re: new RegExp(`^/2fa/2/applications/${SEG}/email/messages$`), params: ['appId'], methods: { POST: createEmailTemplate } },
  { re: new RegExp(`^/2fa/2/applications/${SEG}/messages/${SEG}$`), params: ['appId', 'msgId'], methods: { GET: getTemplate, PUT: updateTemplate } },
  { re: new RegExp(`^/2fa/2/applications/${SEG}/messages$`), params: ['appId'], methods: { GET: listTemplates, POST: createTemplate } },
  { re: new RegExp(`^/2fa/2/applications/${SEG}/verifications$`), params: ['appId'], methods: { GET: verificationStatus } },
  { re: new RegExp(`^/2fa/2/applications/${SEG}$`), params: ['appId'], methods: { GET: getApplication, PUT: updateApplication } },
  { re: /^\/2fa\/2\/pin$/, methods: { POST: (ctx) => sendPin(ctx, 'sms') } },
  { re: /^\/2fa\/2\/pin\/voice$/, methods: { POST: (ctx) => sendPin(ctx, 'voice') } },
  { re: /^\/2fa\/2\/pin\/email$/, methods: { POST: (ctx) => sendPin(ctx, 'email') } },
  { re: new RegExp(`^/2fa/2/pin/${SEG}/resend/email$`), params: ['pinId'], methods: { POST: (ctx, p) => resendPin(ctx, p, 'email') } },
  { re: new RegExp(`^/2fa/2/pin/${SEG}/resend/voice$`), params: ['pinId'], methods: { POST: (ctx, p) => resendPin(ctx, p, 'voice') } },
  { re: new RegExp(`^/2fa/2/pin/${SEG}/resend$`), params: ['pinId'], methods: { POST: (ctx, p) => resendPin(ctx, p, 'sms') } },
  { re: new RegExp(`^/2fa/2/pin/${SEG}/verify$`), params: ['pinId'], methods: { POST: verifyPin } },
];

function matchRoute(path) {
  for (const route of routes) {
    const m = route.re.exec(path);
    if (!m) continue;
    const params = {};
    (route.params ?? []).forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(m[index + 1]);
      } catch {
        params[name] = m[index + 1];
      }
    });
    return { route, params };
  }
  return null;
}

function sidePin(req, res, url) {
  const reply = (status, text) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  if (req.method !== 'GET') return reply(405, 'method not allowed\n');
  const pin = allPins.get(url.searchParams.get('pinId') ?? '');
  if (!pin) return reply(404, 'unknown pinId\n');
  return reply(200, pin.code);
}

async function handle(req, res) {
  const format = negotiate(req.headers.accept);
  let raw;
  try {
    raw = await readBody(req);
  } catch {
    return;
  }
  try {
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      throw badRequest('Malformed request target');
    }
    let path = url.pathname.replace(/\/+$/, '');
    if (path === '') path = '/';

    if (path === '/__pin') return sidePin(req, res, url);

    const account = authenticate(req);
    const match = matchRoute(path);
    if (!match || match.route.notImplemented) throw notFound();
    const handler = match.route.methods[req.method];
    if (!handler) {
      const allow = Object.keys(match.route.methods).join(', ');
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed here; allowed: ${allow}`, undefined, { Allow: allow });
    }
    let parsed;
    const ctx = {
      account,
      state: accountState(account),
      query: url.searchParams,
      body: (roots) => (parsed ??= parseBody(req, raw, roots)),
    };
    const [status, root, value] = handler(ctx, match.params);
    send(res, status, format, root, value);
  } catch (error) {
    if (error instanceof ApiError) return sendError(res, format, error);
    process.stderr.write(`document-server: internal error: ${error?.stack ?? error}\n`);
    sendError(res, format, new ApiError(500, 'GENERAL_ERROR', 'Something went wrong. Please contact support.'));
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    process.stderr.write(`document-server: ${error?.stack ?? error}\n`);
    try { res.destroy(); } catch { /* ignore */ }
  });
});
server.on('clientError', (error, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
});

server.listen(options.port, '127.0.0.1', () => {
  process.stdout.write(`document-server listening on http://127.0.0.1:${server.address().port}\n`);
});
server.on('error', (error) => {
  process.stderr.write(`document-server: ${error.message}\n`);
  process.exit(1);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
