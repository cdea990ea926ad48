import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DROP_REASONS } from '../../src/types.js';
import type { DropReason } from '../../src/types.js';

// The reasons with a parameter, as docs/operations.md writes them: the status code, the reason a replay dropped for.
const FAMILIES = ['rejected_<status>', 'replay_<reason>'];

function documentedReasons(): string[] {
  const doc = readFileSync(path.join(__dirname, '../../docs/operations.md'), 'utf8');
  const section = doc.split('### Drop reasons')[1]?.split(/\n#{2,3} /)[0] ?? '';
  return [...section.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]!);
}

describe('drop reasons', () => {
  it('docs/operations.md lists every reason the code counts, and no other', () => {
    const documented = documentedReasons();
    expect([...documented].sort()).toEqual([...DROP_REASONS, ...FAMILIES].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('are a closed set: status-derived and replay reasons by their template, nothing else', () => {
    const ok: DropReason[] = ['rejected_400', 'replay_rejected_422', 'replay_undeliverable_best_effort'];
    // @ts-expect-error a name the code never counts
    const undeliverable: DropReason = 'undeliverable';
    // @ts-expect-error replay counts only what an intake sink drops
    const replayed: DropReason = 'replay_own_log_group';
    expect([...ok, undeliverable, replayed]).toHaveLength(5);
    expect(DROP_REASONS).not.toContain('rejected_by_intake');
  });
});
