import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORWARDER_VERSION } from '../../src/version.js';

it('reports the version package.json declares', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  expect(FORWARDER_VERSION).toBe(pkg.version);
});
