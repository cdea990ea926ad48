import { encodeLogs } from '../../../src/sinks/logs-intake.js';

describe('encodeLogs', () => {
  it.each([
    ['one log', ['{"message":"a"}']],
    ['several logs', ['{"message":"a"}', '{"message":"b"}', '{"id":"3","message":""}']],
    ['non-ASCII messages', ['{"message":"café ☕"}', '{"message":"日本語のログ"}', '{"message":"😀"}']],
  ])('writes %s as a JSON array of exactly the right size', (_name, jsons) => {
    const body = encodeLogs(jsons.map((json) => ({ json })));
    expect(body.toString('utf8')).toBe(`[${jsons.join(',')}]`);
    expect(JSON.parse(body.toString('utf8'))).toEqual(jsons.map((json) => JSON.parse(json)));
  });

  it('writes an empty array for no logs', () => {
    expect(encodeLogs([]).toString('utf8')).toBe('[]');
  });
});
