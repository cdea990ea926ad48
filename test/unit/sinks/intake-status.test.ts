import { classifyStatus, retryAfterMs } from '../../../src/sinks/intake-status.js';

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
    [401, 'auth'],
    [403, 'auth'],
    [400, 'reject'],
    [404, 'reject'],
    [422, 'reject'],
    [301, 'reject'],
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
