// `npm run sync-debug-page`: copies the compiled client (dist/*.js, after `npm run build`) to the server's debug
// page resources, so that the page served at /debug runs exactly this client. A test fails while the copy is stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COPY, compiled } from './debug-page-copy.mjs';

const files = compiled();
mkdirSync(COPY, { recursive: true });
for (const name of readdirSync(COPY)) {
  if (!(name in files)) {
    rmSync(join(COPY, name));
  }
}
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(COPY, name), text);
}
console.log(`copied ${Object.keys(files).join(', ')} to ${COPY}`);
