// The generated client (src/generated/client.ts, rebuilt from the contract) plus the one thing it lacks:
// a way to send the credential header on every call.
import { TwoFactorClient } from "./generated/client.js";

export * from "./generated/client.js";

/** The part of `fetch` the generated client uses. */
export type FetchLike = (url: RequestInfo, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** The `Authorization` header value: `App <key>`, `Basic <base64>`, `IBSSO <token>` or `Bearer <token>`. */
  authorization: string;
  /** More headers for every call, e.g. `{ Prefer: "code=404" }` to make the mock answer a documented error. */
  headers?: Record<string, string>;
  /** Defaults to the global `fetch` (browsers, Node 18+). */
  fetch?: FetchLike;
}

/** A client for the mock (or the real API) at `baseUrl` that sends `authorization` (and `headers`) with every request. */
export function createTwoFactorClient(baseUrl: string, options: ClientOptions): TwoFactorClient {
  const send: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const http = {
    fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      headers.set("Authorization", options.authorization);
      return send(url, { ...init, headers });
    },
  };
  return new TwoFactorClient(baseUrl.replace(/\/+$/, ""), http);
}
