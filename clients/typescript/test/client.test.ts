// Exercises the generated TypeScript client against a running mock: create, list, get, update, and errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { ApiException, TwoFactorClient, createTwoFactorClient, type ApplicationResponse } from "../src/index.js";
import { startMock, type RunningMock } from "./support/mock.js";

let mock: RunningMock;
let client: TwoFactorClient;

before(async () => {
  mock = await startMock();
  // A fresh account per run: applications belong to the credential, so runs never see each other's.
  client = createTwoFactorClient(mock.baseUrl, { authorization: `App ts-client-${randomUUID()}` });
});

after(async () => {
  await mock?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<ApiException> {
  const error = await promise.then(
    () => assert.fail("the call succeeded, an error was expected"),
    (e: unknown) => e,
  );
  assert.ok(ApiException.isApiException(error), `expected an ApiException, got ${String(error)}`);
  return error;
}

test("create returns the stored application with defaults filled in", async () => {
  const created = await client.createApplication({ name: "ts create", configuration: { pinAttempts: 7 } });
  assert.match(created.applicationId, /^[0-9A-F]{32}$/);
  assert.equal(created.name, "ts create");
  assert.equal(created.enabled, true);
  assert.equal(created.configuration.pinAttempts, 7);
  assert.equal(created.configuration.pinTimeToLive, "15m");
  assert.equal(created.configuration.verifyPinLimit, "1/3s");
});

test("list returns the account's applications in creation order", async () => {
  const first = await client.createApplication({ name: "ts list 1" });
  const second = await client.createApplication({ name: "ts list 2" });
  const ids = (await client.listApplications()).map((a: ApplicationResponse) => a.applicationId);
  assert.ok(ids.indexOf(first.applicationId) >= 0, "first is listed");
  assert.ok(ids.indexOf(first.applicationId) < ids.indexOf(second.applicationId), "creation order");
});

test("get returns what create stored", async () => {
  const created = await client.createApplication({ name: "ts get", enabled: false });
  const fetched = await client.getApplication(created.applicationId);
  assert.deepEqual(fetched, created);
});

test("update changes the application and get reads it back normalised", async () => {
  const created = await client.createApplication({ name: "ts update" });
  const updated = await client.updateApplication(
    { name: "ts updated", enabled: false, configuration: { pinTimeToLive: "120m" } },
    created.applicationId,
  );
  assert.equal(updated.applicationId, created.applicationId);
  assert.equal(updated.name, "ts updated");
  assert.equal(updated.enabled, false);
  assert.equal(updated.configuration.pinTimeToLive, "2h");
  assert.deepEqual(await client.getApplication(created.applicationId), updated);
});

test("an unknown application id gives 404 APPLICATION_NOT_FOUND", async () => {
  const error = await rejection(client.getApplication("0123456789ABCDEF0123456789ABCDEF"));
  assert.equal(error.status, 404);
  assert.equal(error.result?.requestError?.serviceException?.messageId, "APPLICATION_NOT_FOUND");
  assert.equal(error.result?.requestError?.serviceException?.text, "Application with given id cannot be found.");
});

test("a missing name gives 400 with the API's text", async () => {
  const error = await rejection(client.createApplication({} as never));
  assert.equal(error.status, 400);
  assert.equal(error.result?.requestError?.serviceException?.messageId, "BAD_REQUEST");
  assert.match(error.result?.requestError?.serviceException?.text ?? "", /name : may not be null/);
});

test("without credentials the client gets 401", async () => {
  const anonymous = new TwoFactorClient(mock.baseUrl, { fetch: (url, init) => fetch(url, init) });
  const error = await rejection(anonymous.listApplications());
  assert.equal(error.status, 401);
  assert.equal(error.result?.requestError?.serviceException?.messageId, "UNAUTHORIZED");
});

test("Prefer: code=404 makes the mock answer the documented 404", async () => {
  const created = await client.createApplication({ name: "ts prefer" });
  const forced = createTwoFactorClient(mock.baseUrl, {
    authorization: `App ts-client-${randomUUID()}`,
    headers: { Prefer: "code=404" },
  });
  const error = await rejection(forced.getApplication(created.applicationId));
  assert.equal(error.status, 404);
  assert.equal(error.result?.requestError?.serviceException?.messageId, "APPLICATION_NOT_FOUND");
});

test("the mock answers a browser's CORS preflight for the credential header", async () => {
  const response = await fetch(`${mock.baseUrl}/2fa/2/applications`, {
    method: "OPTIONS",
    headers: {
      Origin: "http://localhost:5173",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type",
    },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get("access-control-allow-origin"), "http://localhost:5173");
  const allowed = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(/\s*,\s*/);
  assert.ok(allowed.includes("authorization") && allowed.includes("content-type"), `allowed: ${allowed.join(", ")}`);
});
