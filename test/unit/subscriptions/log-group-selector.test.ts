import {
  functionLogGroup,
  nameSelected,
  parseTagFilter,
  tagsSelected,
  type LogGroupSelector,
} from '../../../src/subscriptions/log-group-selector.js';

const selector = (s: Partial<LogGroupSelector>): LogGroupSelector => ({ prefixes: [], tags: {}, excluded: [], ...s });

describe('log group selection', () => {
  it.each<[string, Partial<LogGroupSelector>, string, boolean]>([
    ['no selection takes every group', {}, '/any', true],
    ['a prefix', { prefixes: ['/aws/lambda/'] }, '/aws/lambda/x', true],
    ['another prefix', { prefixes: ['/ecs/', '/aws/lambda/'] }, '/aws/lambda/x', true],
    ['outside the prefixes', { prefixes: ['/ecs/'] }, '/aws/lambda/x', false],
    ['a pattern, unanchored', { pattern: /prod/ }, '/ecs/prod-web', true],
    ['prefix and pattern must both pass', { prefixes: ['/ecs/'], pattern: /prod/ }, '/aws/prod', false],
    ['excluded wins', { excluded: ['/aws/lambda/fwd'] }, '/aws/lambda/fwd', false],
  ])('%s', (_case, s, name, expected) => {
    expect(nameSelected(selector(s), name)).toBe(expected);
  });

  it('requires every tag, by value or by key alone', () => {
    const s = selector({ tags: Object.fromEntries([parseTagFilter('team=web'), parseTagFilter('env')]) });
    expect(tagsSelected(s, { team: 'web', env: 'prod' })).toBe(true);
    expect(tagsSelected(s, { team: 'web' })).toBe(false);
    expect(tagsSelected(s, { team: 'data', env: 'prod' })).toBe(false);
    expect(parseTagFilter('k=a=b')).toEqual(['k', 'a=b']);
  });

  it('finds the log group of the function an ARN names, with or without a qualifier', () => {
    expect(functionLogGroup('arn:aws:lambda:us-east-1:123456789012:function:fwd')).toBe('/aws/lambda/fwd');
    expect(functionLogGroup('arn:aws:lambda:us-east-1:123456789012:function:fwd:live')).toBe('/aws/lambda/fwd');
  });
});
