// Headless launcher for the Spotlight sidecar, used by the end-to-end tests.
//
// Why not the package's own `spotlight` bin (dist/run.js)? The bin always
// initialises @sentry/node with Spotlight's own DSN (traces at 100%, logs,
// metrics), so every request the tests make would produce telemetry aimed at
// sentry.io, and it listens on every network interface. This launcher instead
// calls the package's public export `setupSpotlight` (package.json "exports"
// ".") without initialising Sentry, keeps the server on loopback, and makes
// envelopes sent to the ordinary ingestion path (a DSN pointing here) count.
//
// Usage: node sidecar.mjs [--port N] [--host 127.0.0.1] [--parent-pid PID] [--ui]
//   --port 0 (the default) lets the OS choose a free port.
//   --ui: also serve Spotlight's web UI (the package's dist/ui) at the sidecar's
//   root, as the bin does; used by scripts/screenshots.sh. The tests need no UI.
//   --parent-pid: exit as soon as that process is gone (keeps a crashed test
//   host from leaving this process behind). Needs no stdin.
//
// When the server is listening, one JSON line is written to stdout:
//   {"event":"ready","host":"127.0.0.1","port":12345,"pid":6789}
// Spotlight's own log lines go to stderr.

import { readFileSync } from "node:fs";
import http from "node:http";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "parent-pid": { type: "string" },
    ui: { type: "boolean", default: false },
  },
  strict: true,
  allowPositionals: false,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sidecar.mjs: invalid --port '${values.port}'`);
  process.exit(2);
}
const host = values.host;

// Sentry SDKs' ordinary transports POST to /api/<project>/envelope/ without a
// Content-Type (Sentry's ingestion does not need one; the .NET SDK sends none).
// The sidecar answers such a POST with 200 but stores nothing, because it files
// payloads by content type. Label them as envelopes before the sidecar sees them.
const INGESTION_PATH = /^\/api\/[^/?]+\/envelope\/?(?:\?|$)/;
function labelIngestionEnvelopes(req) {
  if (req.method === "POST" && !req.headers["content-type"] && INGESTION_PATH.test(req.url ?? "")) {
    req.headers["content-type"] = "application/x-sentry-envelope";
    req.rawHeaders.push("Content-Type", "application/x-sentry-envelope");
  }
}

// The sidecar (via @hono/node-server) calls server.listen(port) without a
// host, which means "all interfaces". Supply the loopback host instead, and
// install the ingestion fix-up ahead of the sidecar's request handler.
const originalListen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnLoopback(...args) {
  if (!this.listeners("request").includes(labelIngestionEnvelopes)) {
    this.prependListener("request", labelIngestionEnvelopes);
  }
  if (typeof args[0] === "number" && typeof args[1] !== "string") {
    if (args.length >= 2 && (args[1] === undefined || args[1] === null)) {
      args[1] = host;
    } else {
      args.splice(1, 0, host);
    }
  }
  return originalListen.apply(this, args);
};

// Exit when the parent (the test host) disappears, however it died.
const parentPid = values["parent-pid"] ? Number(values["parent-pid"]) : undefined;
const initialPpid = process.ppid;
const parentWatch = setInterval(() => {
  let parentAlive = process.ppid === initialPpid;
  if (parentAlive && parentPid) {
    try {
      process.kill(parentPid, 0);
    } catch (err) {
      parentAlive = err && err.code === "EPERM";
    }
  }
  if (!parentAlive) {
    console.error("sidecar.mjs: parent process is gone, exiting");
    process.exit(0);
  }
}, 1000);

const stop = () => {
  clearInterval(parentWatch);
  // setupSpotlight's own handler closes the server; make sure we do not linger.
  setTimeout(() => process.exit(0), 1500).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("SIGHUP", stop);

const { setupSpotlight } = await import("@spotlightjs/spotlight");

// The UI's files, read the way the package's bin reads them: index.html plus every file its manifest names.
function uiFiles() {
  const uiDirectory = join(dirname(fileURLToPath(import.meta.url)), "node_modules", "@spotlightjs", "spotlight", "dist", "ui");
  const files = Object.create(null);
  files["index.html"] = readFileSync(join(uiDirectory, "index.html"));
  for (const entry of Object.values(JSON.parse(readFileSync(join(uiDirectory, "manifest.json"), "utf8")))) {
    if (entry && typeof entry.file === "string") {
      files[entry.file] = readFileSync(join(uiDirectory, entry.file));
    }
  }
  return files;
}

let server;
try {
  server = await setupSpotlight({ port, isStandalone: true, ...(values.ui ? { filesToServe: uiFiles() } : {}) });
} catch (err) {
  console.error(`sidecar.mjs: failed to start Spotlight: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
}
if (!server) {
  // setupSpotlight returns nothing when another Spotlight already answers on the port.
  console.error(`sidecar.mjs: another Spotlight instance already answers on port ${port}; refusing to share it`);
  process.exit(3);
}

const address = server.address();
process.stdout.write(
  `${JSON.stringify({ event: "ready", host: address.address, port: address.port, pid: process.pid })}\n`,
);
