// `npm run demo`: serves bindings/wasm (the demo and the built package) on localhost.
//   PORT=8787 node demo/serve.mjs        then open http://127.0.0.1:8787/demo/
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, normalize, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };

export function serve(port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const rel = normalize(path.endsWith('/') ? path + 'index.html' : path).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, rel);
    if (!file.startsWith(root) || !['demo', 'js', 'dist'].some((d) => rel.startsWith(`/${d}/`))) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(root, 'dist/main/sms_preflight_bg.wasm'))) {
    console.error('demo: the package is not built yet: run `npm run build` first');
    process.exit(1);
  }
  const server = await serve(Number(process.env.PORT ?? 8787));
  const { port } = server.address();
  console.log(`sms-preflight demo: http://127.0.0.1:${port}/demo/  (Ctrl-C to stop)`);
}
