// A loopback stand-in for the Databricks workspace REST API, just enough for
// `databricks bundle validate`: the real CLI insists on a workspace (it resolves the current user to
// expand `${workspace.current_user.*}`, the default root_path and the development-mode name prefix),
// and this project's machines reach no workspace. The CLI's own acceptance tests do the same thing
// with a Go test server (databricks/cli: libs/testserver/handlers.go); the answers below follow it.
//
// Every request is recorded. A request no handler knows is answered 404 and also kept in
// `unhandled`, so a CLI version that starts calling something new shows up as a test failure that
// names the endpoint instead of as a confusing validate error.
import { randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: string;
  /** What the stub answered. */
  readonly status: number;
}

export interface StubWorkspaceOptions {
  /** The identity /Me returns; its part before "@" becomes `workspace.current_user.short_name`. */
  readonly userName?: string;
  /** Echo every request to stderr (for finding out which endpoints a new CLI version calls). */
  readonly log?: boolean;
}

export interface StubWorkspace {
  /** http://127.0.0.1:<port>, for DATABRICKS_HOST. */
  readonly url: string;
  /** The only bearer token the stub accepts, for DATABRICKS_TOKEN. */
  readonly token: string;
  readonly userName: string;
  readonly requests: readonly StubRequest[];
  /** Requests answered 404 because no handler matched. */
  readonly unhandled: readonly StubRequest[];
  /** Requests that came without `Authorization: Bearer <token>` (a sign the CLI used other credentials). */
  readonly unauthenticated: readonly StubRequest[];
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
type Handler = (query: URLSearchParams, body: string) => Answer;

/** The ids the Go test server uses, so outputs look like the CLI's own acceptance outputs. */
const WORKSPACE_ID = "470123456789500";
const METASTORE_ID = "120efa64-9b68-46ba-be38-f319458430d2";
const USER_ID = "1000012345";

const notFound = (errorCode: string, message: string): Answer => ({
  status: 404,
  body: { error_code: errorCode, message },
});

export async function startStubWorkspace(options: StubWorkspaceOptions = {}): Promise<StubWorkspace> {
  const userName = options.userName ?? "tester@example.com";
  const token = `dapi${randomUUID().replaceAll("-", "")}`;
  const requests: StubRequest[] = [];
  const unhandled: StubRequest[] = [];
  const unauthenticated: StubRequest[] = [];
  let url = "";

  // Folders that exist in every real workspace; anything below the user's home is "not there yet",
  // which is what a first deployment sees.
  const home = `/Workspace/Users/${userName}`;
  const directories = new Map<string, number>([
    ["/", 1],
    ["/Workspace", 2],
    ["/Workspace/Users", 3],
    ["/Users", 3],
    [home, 4],
    [`/Users/${userName}`, 4],
  ]);

  const handlers = new Map<string, Handler>([
    // Host metadata the Go SDK (2026 versions) probes while resolving its config; best effort on
    // its side, but without it every run logs a warning.
    [
      "GET /.well-known/databricks-config",
      () => ({
        status: 200,
        body: { oidc_endpoint: `${url}/oidc`, workspace_id: WORKSPACE_ID, host_type: "WORKSPACE_HOST" },
      }),
    ],
    [
      "GET /api/2.0/preview/scim/v2/Me",
      () => ({
        status: 200,
        headers: { "X-Databricks-Org-Id": WORKSPACE_ID },
        body: {
          id: USER_ID,
          userName,
          displayName: userName.split("@")[0],
          active: true,
          emails: [{ value: userName, primary: true, type: "work" }],
          groups: [{ display: "users", type: "direct", value: "1" }],
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        },
      }),
    ],
    [
      "GET /api/2.0/workspace/get-status",
      (query) => {
        const path = (query.get("path") ?? "").replace(/\/+$/, "") || "/";
        const objectId = directories.get(path);
        if (objectId === undefined) return notFound("RESOURCE_DOES_NOT_EXIST", `Path (${path}) doesn't exist.`);
        return { status: 200, body: { object_type: "DIRECTORY", path, object_id: objectId } };
      },
    ],
    [
      // Only asked for when the bundle has top-level `permissions` (validate:folder_permissions).
      "GET /api/2.0/permissions/directories/*",
      () => ({
        status: 200,
        body: {
          object_type: "DIRECTORY",
          access_control_list: [{ user_name: userName, all_permissions: [{ permission_level: "CAN_MANAGE" }] }],
        },
      }),
    ],
    [
      "GET /api/2.1/unity-catalog/current-metastore-assignment",
      () => ({
        status: 200,
        body: {
          default_catalog_name: "hive_metastore",
          metastore_id: METASTORE_ID,
          workspace_id: Number(WORKSPACE_ID),
        },
      }),
    ],
    // The CLI uploads usage events from a child process; the harness turns that off
    // (DATABRICKS_CLI_DISABLE_TELEMETRY), and this answers if a version ignores the switch.
    ["POST /telemetry-ext", () => ({ status: 200, body: { errors: [], numProtoSuccess: 1 } })],
  ]);

  const route = (method: string, path: string): Handler | undefined => {
    const exact = handlers.get(`${method} ${path}`);
    if (exact !== undefined) return exact;
    for (const [key, handler] of handlers) {
      if (key.endsWith("/*") && `${method} ${path}`.startsWith(key.slice(0, -1))) return handler;
    }
    return undefined;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const parsed = new URL(req.url ?? "/", "http://stub");
      const method = req.method ?? "GET";
      const body = Buffer.concat(chunks).toString("utf8");
      const authorized = req.headers.authorization === `Bearer ${token}`;
      const handler = route(method, parsed.pathname);
      // The well-known document is fetched before auth is set up, as on a real host.
      const needsAuth = !parsed.pathname.startsWith("/.well-known/");
      let answer: Answer;
      if (needsAuth && !authorized) {
        answer = {
          status: 401,
          body: { error_code: "UNAUTHENTICATED", message: "orchc stub: unknown or missing token" },
        };
      } else if (handler === undefined) {
        answer = notFound("ENDPOINT_NOT_FOUND", `orchc stub workspace has no handler for ${method} ${parsed.pathname}`);
      } else {
        answer = handler(parsed.searchParams, body);
      }
      const record: StubRequest = {
        method,
        path: parsed.pathname,
        query: Object.fromEntries(parsed.searchParams),
        body,
        status: answer.status,
      };
      requests.push(record);
      if (handler === undefined) unhandled.push(record);
      if (needsAuth && !authorized) unauthenticated.push(record);
      if (options.log === true) console.error(`[stub-workspace] ${method} ${req.url ?? ""} -> ${answer.status}`);
      res.writeHead(answer.status, { "Content-Type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    token,
    userName,
    requests,
    unhandled,
    unauthenticated,
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolvePromise()));
      }),
  };
}
