import { readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyStatus, retryAfterMs, STATUS_TABLE } from '../../../src/sinks/intake-status.js';

describe('classifyStatus', () => {
  it.each([
    [200, 'delivered'],
    [202, 'delivered'],
    [204, 'delivered'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [413, 'split'],
    [599, 'retry'],
    [401, 'keep'],
    [403, 'keep'],
    [407, 'keep'],
    [400, 'reject'],
    [422, 'reject'],
    [404, 'keep'],
    [405, 'keep'],
    [301, 'keep'],
    [302, 'keep'],
    [307, 'keep'],
    [308, 'keep'],
    [304, 'keep'],
    [100, 'keep'],
    [0, 'keep'],
    [600, 'keep'],
    [999, 'keep'],
  ])('%i → %s', (status, action) => {
    expect(classifyStatus(status)).toBe(action);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it.each([
    ['seconds', '3', 3000],
    ['zero', '0', 0],
    ['the first of several values', ['2', '9'], 2000],
    ['an HTTP date', 'Thu, 01 Jan 2026 00:00:05 GMT', 5000],
    ['an HTTP date already past', 'Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['absent', undefined, undefined],
    ['garbage', 'soon', undefined],
  ])('%s', (_why, header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe('the status table in docs/operations.md', () => {
  it('has the rows of STATUS_TABLE, in order, with the same actions', () => {
    const doc = readFileSync(path.join(__dirname, '../../../docs/operations.md'), 'utf8');
    const section = doc.split('### Intake statuses')[1]?.split('\n## ')[0] ?? '';
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Status') && !line.startsWith('| ---'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map(([, statuses, action]) => [statuses, action])).toEqual(
      STATUS_TABLE.map((rule) => [rule.statuses, rule.action]),
    );
  });
});
