// node:http as its module object. Imported as an ES module, Node 22 builds a view of node:http that reads every
// export, and its lazy WebSocket exports load undici: about 20 ms of a Lambda cold start (nodejs22.x) for
// something the forwarder never uses. process.getBuiltinModule (Node 20.16+, 22.3+) gives the module object
// and reads nothing. Types come from `import type` of node:http, which compiles to nothing.
export const http = process.getBuiltinModule('node:http');

/**
 * node:https, loaded on the first HTTPS request, not at import: it loads node:tls, about a fifth of the CPU of
 * importing the handler (docs/performance.md), which a forwarder whose intakes are plain HTTP (a local or
 * in-VPC intake with DD_NO_SSL, the bench's) never needs. Node keeps the module: later calls cost a lookup.
 */
export const https = () => process.getBuiltinModule('node:https');
