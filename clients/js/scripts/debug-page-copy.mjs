// Where the server's debug page keeps its copy of the compiled client, and what that copy must hold.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = resolve(here, '../dist');
export const COPY = resolve(here, '../../../app-server/src/main/resources/debug/client');

/** The compiled modules (no type declarations: a browser does not load them), name → text. */
export function compiled(dir = DIST) {
  return Object.fromEntries(readdirSync(dir).filter((name) => name.endsWith('.js')).sort()
    .map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}
