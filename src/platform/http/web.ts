import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const API_PREFIXES = ['/api/', '/engine-rest', '/docs', '/metrics', '/healthz', '/readyz'];

/**
 * Serves the built web application at `/`. Paths the server does not know (client-side routes such
 * as /admin/users) get index.html when a browser asks for a page; anything else is a problem+json 404.
 */
export async function installWeb(app: FastifyInstance, webDir: string): Promise<(req: FastifyRequest, reply: FastifyReply) => boolean> {
  const index = path.join(webDir, 'index.html');
  const built = fs.existsSync(index);
  if (built) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || API_PREFIXES.some((p) => url.startsWith(p))) return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    if (built) {
      void reply.type('text/html; charset=utf-8').sendFile('index.html');
    } else {
      void reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>Banklane</title><p>The web application is not built yet: run <code>npm run build:web</code>. 网页应用尚未构建：请运行 <code>npm run build:web</code>。</p>');
    }
    return true;
  };
}
