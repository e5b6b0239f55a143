// Starts the mock for a test run on a free loopback port (./run-mock.sh --port 0) and stops it afterwards.
// TWOFACTOR_MOCK_URL points the tests at a mock that is already running instead.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import path from "node:path";
import readline from "node:readline";

export interface RunningMock {
  baseUrl: string;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// dist/test/support -> repository root
const repoRoot = path.resolve(here, "..", "..", "..", "..", "..");
// Generous for a loaded 2-core machine; test.sh has built the mock already, so this covers start only.
const startTimeoutMs = 60_000;

export async function startMock(): Promise<RunningMock> {
  const existing = process.env.TWOFACTOR_MOCK_URL;
  if (existing) return { baseUrl: existing.replace(/\/+$/, ""), stop: async () => {} };

  // Its own process group, so stopping it also stops the dotnet process the script starts.
  const child = spawn(path.join(repoRoot, "run-mock.sh"), ["--port", "0"], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  try {
    const baseUrl = await listeningUrl(child, output);
    await checkHealth(baseUrl);
    return { baseUrl, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw new Error(`The mock did not start: ${(error as Error).message}\n--- its output ---\n${output.join("\n")}`);
  }
}

// The readiness signal: the line where the mock says where it listens (after it has bound the port).
function listeningUrl(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening address within ${startTimeoutMs} ms`)), startTimeoutMs);
    const read = (stream: NodeJS.ReadableStream) =>
      readline.createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):([1-9][0-9]*)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
    read(child.stdout!);
    read(child.stderr!);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`it exited with code ${code}`));
    });
  });
}

async function checkHealth(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/__admin/health`);
  if (response.status !== 200) throw new Error(`GET /__admin/health answered ${response.status}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return; // already gone
  }
  await exited;
}
