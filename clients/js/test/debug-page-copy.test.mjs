// The debug page runs the client it is shipped with: its copy under app-server resources is this build's output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COPY, compiled } from '../scripts/debug-page-copy.mjs';

test('the debug page copy of the client equals dist/ (run `npm run build && npm run sync-debug-page`)', () => {
  assert.deepEqual(compiled(COPY), compiled());
});
