// The detectors measured on the labelled corpus fixtures/redaction/corpus.jsonl: each line a text (and, for a
// field's value, the field's name) with, per detector, the exact substrings it must replace; a detector not
// listed must replace nothing in that line. Lines without secrets and near misses (order ids failing Luhn,
// base64 that is not a JWT, versions that look like addresses, hashes that look like keys, URL user
// information, times that look like IPv6) are there to measure precision. Each detector runs alone on every
// line; the test prints precision and recall per detector and requires recall 1.0 and precision >= 0.98.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETECTOR_NAMES, detector, type DetectorName } from '../../../../src/transform/detectors/index.js';

interface CorpusLine {
  readonly text: string;
  readonly key?: string;
  readonly expect: Partial<Record<DetectorName, string[]>>;
  readonly note?: string;
}

const corpus = readFileSync(join(__dirname, '../../../../fixtures/redaction/corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusLine);

interface Score {
  truePositives: number;
  falsePositives: string[];
  missed: string[];
}

function score(name: DetectorName): Score {
  const result: Score = { truePositives: 0, falsePositives: [], missed: [] };
  for (const line of corpus) {
    const spans = detector(name).find(line.text, line.key);
    const found: string[] = [];
    for (let i = 0; i < spans.length; i += 2) found.push(line.text.slice(spans[i], spans[i + 1]));
    const expected = [...(line.expect[name] ?? [])];
    for (const text of found) {
      const index = expected.indexOf(text);
      if (index < 0) result.falsePositives.push(`${JSON.stringify(text)} in ${JSON.stringify(line.text)}`);
      else {
        expected.splice(index, 1);
        result.truePositives++;
      }
    }
    result.missed.push(...expected.map((text) => `${JSON.stringify(text)} in ${JSON.stringify(line.text)}`));
  }
  return result;
}

const scores = Object.fromEntries(DETECTOR_NAMES.map((name) => [name, score(name)])) as Record<DetectorName, Score>;

afterAll(() => {
  const rows = DETECTOR_NAMES.map((name) => {
    const { truePositives: tp, falsePositives, missed } = scores[name];
    const precision = tp / (tp + falsePositives.length);
    const recall = tp / (tp + missed.length);
    return `${name.padEnd(22)} positives ${String(tp + missed.length).padStart(3)}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}`;
  });
  process.stdout.write(`Redaction detectors on ${corpus.length} corpus lines:\n${rows.join('\n')}\n`);
});

it('has at least 200 lines, with and without something to find', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(200);
  expect(corpus.filter((line) => Object.keys(line.expect).length === 0).length).toBeGreaterThanOrEqual(100);
});

it.each(DETECTOR_NAMES)('labels at least 10 positives for %s', (name) => {
  expect(scores[name].truePositives + scores[name].missed.length).toBeGreaterThanOrEqual(10);
});

it.each(DETECTOR_NAMES)('%s finds every positive (recall 1.0)', (name) => {
  expect(scores[name].missed).toEqual([]);
});

it.each(DETECTOR_NAMES)('%s has precision >= 0.98', (name) => {
  const { truePositives: tp, falsePositives } = scores[name];
  const precision = tp / (tp + falsePositives.length);
  if (precision < 0.98) expect(falsePositives).toEqual([]);
  expect(precision).toBeGreaterThanOrEqual(0.98);
});
