// What a frontend team writes after `npm install twofactorcontracts-client-<version>.tgz`: the package's own
// entry point, types included, against `tfc mock` from the installed tool (TFC), started on a free port.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { ApiException, createTwoFactorClient, type ApplicationResponse, type TwoFactorClient } from "@twofactorcontracts/client";

let mock: ChildProcess;
let client: TwoFactorClient;

before(async () => {
  const tfc = process.env.TFC;
  if (!tfc) throw new Error("TFC is not set: run tests/PackageConsumer/run.sh");
  mock = spawn(tfc, ["mock", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("tfc mock printed no address within 60 s")), 60_000);
    readline.createInterface({ input: mock.stdout! }).on("line", (line) => {
      const match = /http:\/\/127\.0\.0\.1:[0-9]+/.exec(line);
      if (match) { clearTimeout(timer); resolve(match[0]); }
    });
    mock.once("exit", (code) => { clearTimeout(timer); reject(new Error(`tfc mock exited with ${code}`)); });
  });
  client = createTwoFactorClient(baseUrl, { authorization: `App npm-consumer-${process.pid}` });
});

after(() => { mock?.kill("SIGTERM"); });

test("the packaged client creates and reads back an application", async () => {
  const created: ApplicationResponse = await client.createApplication({ name: "npm consumer" });
  assert.equal(created.configuration.pinTimeToLive, "15m");
  const fetched = await client.getApplication(created.applicationId);
  assert.equal(fetched.name, "npm consumer");
});

test("an unknown application rejects with the package's ApiException", async () => {
  const error = await client.getApplication("NO-SUCH-APPLICATION").then(() => undefined, (e: unknown) => e);
  assert.ok(ApiException.isApiException(error));
  assert.equal(error.status, 404);
});
