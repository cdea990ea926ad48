import { readConfig } from '../../../src/config/index.js';
import { filterDecidedBy, filterVerdict } from '../../../src/transform/filter.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

const logsConfig = (env: Record<string, string>) => readConfig({ DD_API_KEY: TEST_API_KEY, ...env }).logs;

describe('filterVerdict', () => {
  it.each([
    ['no rules', {}, '[ERROR] x', 'keep'],
    ['include matches', { INCLUDE_AT_MATCH: 'ERROR' }, '[ERROR] x', 'keep'],
    ['include does not match', { INCLUDE_AT_MATCH: 'ERROR' }, '[INFO] x', 'filtered_include'],
    ['exclude matches', { EXCLUDE_AT_MATCH: 'DEBUG' }, '[DEBUG] x', 'filtered_exclude'],
    ['exclude does not match', { EXCLUDE_AT_MATCH: 'DEBUG' }, '[INFO] x', 'keep'],
    ['both match: exclude wins', { INCLUDE_AT_MATCH: 'x', EXCLUDE_AT_MATCH: 'DEBUG' }, '[DEBUG] x', 'filtered_exclude'],
    [
      'neither matches: include filters',
      { INCLUDE_AT_MATCH: 'ERROR', EXCLUDE_AT_MATCH: 'DEBUG' },
      'x',
      'filtered_include',
    ],
    ['unanchored, as re.search', { INCLUDE_AT_MATCH: 'ERR' }, 'some ERROR here', 'keep'],
    ['anchors are honoured', { INCLUDE_AT_MATCH: '^ERROR' }, 'some ERROR', 'filtered_include'],
    // v5 matches the message only: the quotes of a JSON message are not escaped as in the serialized log.
    ['a JSON message, as written', { INCLUDE_AT_MATCH: '"action": "BLOCK"' }, '{"action": "BLOCK"}', 'keep'],
  ])('%s', (_why, env, message, verdict) => {
    expect(filterVerdict(logsConfig(env), message, () => '{}')).toBe(verdict);
  });

  it('matches v5’s message, not the attributes around it', () => {
    const serialize = jest.fn(() => '{"message":"x","host":"prod-db"}');
    expect(filterVerdict(logsConfig({ INCLUDE_AT_MATCH: 'prod-db' }), 'x', serialize)).toBe('filtered_include');
    expect(serialize).not.toHaveBeenCalled();
  });

  it.each([
    ['no message', undefined],
    ['an empty message (falsy in Python too)', ''],
  ])('matches the whole serialized log when there is %s', (_why, message) => {
    const serialize = jest.fn(() => '{"eventName":"ConsoleLogin"}');
    expect(filterVerdict(logsConfig({ INCLUDE_AT_MATCH: 'ConsoleLogin' }), message, serialize)).toBe('keep');
    expect(serialize).toHaveBeenCalledTimes(1);
  });

  it('does not serialize when there are no rules', () => {
    const serialize = jest.fn(() => '{}');
    expect(filterVerdict(logsConfig({}), undefined, serialize)).toBe('keep');
    expect(serialize).not.toHaveBeenCalled();
  });

  it('gives the same verdict on every call (no lastIndex state)', () => {
    const config = logsConfig({ INCLUDE_AT_MATCH: 'ERROR' });
    const verdicts = [1, 2, 3].map(() => filterVerdict(config, 'ERROR', () => '{}'));
    expect(verdicts).toEqual(['keep', 'keep', 'keep']);
  });
});

describe('filterDecidedBy', () => {
  it.each([
    [{}, 'keep', 'no INCLUDE_AT_MATCH or EXCLUDE_AT_MATCH set'],
    [{ INCLUDE_AT_MATCH: 'ERROR' }, 'keep', 'INCLUDE_AT_MATCH ERROR matched'],
    [{ INCLUDE_AT_MATCH: 'ERROR' }, 'filtered_include', 'INCLUDE_AT_MATCH ERROR did not match'],
    [{ EXCLUDE_AT_MATCH: 'DEBUG' }, 'keep', 'EXCLUDE_AT_MATCH DEBUG did not match'],
    [{ EXCLUDE_AT_MATCH: 'DEBUG', INCLUDE_AT_MATCH: 'x' }, 'filtered_exclude', 'EXCLUDE_AT_MATCH DEBUG matched'],
  ] as const)('%j, %s: %s', (env, verdict, by) => {
    expect(filterDecidedBy(logsConfig(env), verdict)).toBe(by);
  });
});
