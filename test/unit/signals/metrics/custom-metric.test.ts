import { ParsedMessage } from '../../../../src/parse/parsed-message.js';
import { parseMetricLine as inView } from '../../../../src/signals/metrics/custom-metric.js';

const parseMetricLine = (message: string) => inView(new ParsedMessage(message));

describe('parseMetricLine', () => {
  it('reads a metric line as Datadog Lambda libraries write it', () => {
    const line = '{"e":1583425836.172,"m":"hello.js10x.dog-2","t":["dd_lambda_layer:datadog-nodev12.14.1"],"v":10}\n';
    expect(parseMetricLine(line)).toEqual({
      kind: 'metric',
      name: 'hello.js10x.dog-2',
      value: 10,
      epochSeconds: 1583425836.172,
      tags: ['dd_lambda_layer:datadog-nodev12.14.1'],
    });
  });

  it.each([
    ['plain text', 'START RequestId: x'],
    ['a JSON log', '{"level":"info","message":"m v t"}'],
    ['a JSON object missing e', '{"m":"a","v":1,"t":[]}'],
    ['invalid JSON', '{"m":"a","v":1,"t":[],"e":'],
    ['a JSON array', '["m","v","e","t"]'],
    ['text before the object', 'log: {"m":"a","v":1,"e":1,"t":[]}'],
  ])('is not a metric line: %s', (_, message) => {
    expect(parseMetricLine(message)).toBeUndefined();
  });

  it.each([
    ['an empty name', '{"m":"","v":1,"e":1700000000,"t":[]}', 'invalid_metric_name'],
    ['a numeric name', '{"m":5,"v":1,"e":1700000000,"t":[]}', 'invalid_metric_name'],
    ['a string value', '{"m":"a","v":"1","e":1700000000,"t":[]}', 'invalid_metric_value'],
    ['a boolean value', '{"m":"a","v":true,"e":1700000000,"t":[]}', 'invalid_metric_value'],
    ['a null value', '{"m":"a","v":null,"e":1700000000,"t":[]}', 'invalid_metric_value'],
    ['a string timestamp', '{"m":"a","v":1,"e":"now","t":[]}', 'invalid_metric_timestamp'],
    ['a negative timestamp', '{"m":"a","v":1,"e":-5,"t":[]}', 'invalid_metric_timestamp'],
    ['tags not a list', '{"m":"a","v":1,"e":1700000000,"t":"env:prod"}', 'invalid_metric_tags'],
    ['a tag not a string', '{"m":"a","v":1,"e":1700000000,"t":["ok",3]}', 'invalid_metric_tags'],
  ])('is a metric line with a bad field: %s', (_, message, reason) => {
    const parsed = parseMetricLine(message);
    expect(parsed).toMatchObject({ kind: 'invalid', reason });
  });

  it('says what was wrong, shortened', () => {
    const parsed = parseMetricLine(`{"m":"a","v":"${'x'.repeat(500)}","e":1,"t":[]}`);
    expect(parsed?.kind === 'invalid' && parsed.detail).toMatch(/^v must be a finite number, got "x{79}\.\.\.$/);
  });
});
