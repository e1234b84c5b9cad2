import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import type { App } from './app';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

declare global {
  // The SvelteKit server calls the API in-process through this (apps/web/src/hooks.server.ts handleFetch).
  var __challengeApi: ((request: Request) => Promise<Response>) | undefined;
}

/** Lets the web app's server-side fetches of /api reach Fastify without a network hop. */
export function exposeApiInProcess(app: App) {
  globalThis.__challengeApi = async (request) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
    const headers = Object.fromEntries(request.headers);
    // In-process there is no wire to save bytes on, and the body handed back is read as it is.
    delete headers['accept-encoding'];
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers,
      payload: body,
      remoteAddress: request.headers.get('x-forwarded-for') ?? '127.0.0.1',
    });
    const answer = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const value of Array.isArray(v) ? v : [String(v)]) answer.append(k, value);
    }
    return new Response(res.statusCode === 204 || res.statusCode === 304 ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: answer });
  };
}

/**
 * One port for both apps: `/api…` goes to Fastify, everything else to the web app (or to Fastify, for
 * its 404, when the web app is not built). adapter-node is told each request's protocol (see
 * server.ts) — by the socket, unless a trusted proxy already said.
 */
export function routeRequests(apiHandler: NodeHandler, web: NodeHandler | undefined, opts: { trustProxy: boolean }): NodeHandler {
  // Rendered pages and their data go out as brotli (quality 4) or gzip; the hashed assets already have
  // their compressed forms on disk (adapter-node's precompress), which this leaves alone.
  const compress = compression({ threshold: 1024 }) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  return (req, res) => {
    const path = req.url ?? '/';
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/api?') || !web) return apiHandler(req, res);
    if (!opts.trustProxy || !req.headers['x-forwarded-proto']) {
      req.headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
    }
    compress(req, res, () => web(req, res));
  };
}

/** The built SvelteKit app (adapter-node's handler), or undefined when the web app is not built. */
export async function loadWebHandler(handlerPath: string): Promise<NodeHandler | undefined> {
  if (!existsSync(handlerPath)) return undefined;
  const mod = (await import(pathToFileURL(handlerPath).href)) as { handler: NodeHandler };
  return mod.handler;
}
