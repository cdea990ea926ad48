// CPU per log line of the settings' patterns: JavaScript's RegExp (what Forwarder used before the patterns became
// Python's) against PythonRegex (RE2 syntax run by re2js), on lines like a Lambda function's logs.
// Run: node scripts/python-re/cost.mjs   (bundles src/regex with esbuild into .build/, then measures)
// Prints, per pattern, CPU microseconds per line: the median of 7 runs and the lowest and highest.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outfile = `${root}.build/python-re-cost/python-regex.mjs`;
mkdirSync(`${root}.build/python-re-cost`, { recursive: true });
await build({
  entryPoints: [`${root}src/regex/python-regex.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const { PythonRegex, loadRe2 } = await import(pathToFileURL(outfile).href);
await loadRe2();

const lines = [];
for (let i = 0; i < 5000; i++) {
  lines.push(
    `2026-12-07T21:53:${String(i % 60).padStart(2, '0')}.123Z\t${randomUUID()}\tINFO\trequest ${i} ` +
      `handled in ${i % 100} ms path=/api/v1/users/${i} user=someone${i}@example.com ip=10.0.${i % 255}.${i % 7}\n`,
  );
}

/** CPU microseconds per line for `test` over every line, 7 runs: [median, min, max]. */
function measure(test) {
  const runs = [];
  for (let r = 0; r < 8; r++) {
    const before = process.cpuUsage();
    let n = 0;
    for (let k = 0; k < 10; k++) for (const line of lines) if (test(line)) n++;
    const used = process.cpuUsage(before);
    if (r > 0) runs.push((used.user + used.system) / (10 * lines.length));
    if (n < 0) throw new Error('unreachable');
  }
  runs.sort((a, b) => a - b);
  return runs.map((x) => x.toFixed(3));
}

const cases = [
  ['literal', 'healthcheck', 'healthcheck'],
  ['JSON literal', '"eventName": "ListUsers"', '"eventName": "ListUsers"'],
  ['alternation, case-insensitive', '(?i)healthcheck|ping', ['healthcheck|ping', 'i']],
  ['class and repeat', 'user=\\w+@', 'user=\\w+@'],
  ['end anchor', 'ms path=\\S+ user=\\S+ ip=\\S+$', 'ms path=\\S+ user=\\S+ ip=\\S+$'],
  ['word boundary', '\\bERROR\\b', '\\bERROR\\b'],
  ['REDACT_IP (search)', '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}', '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}'],
];
console.log('pattern | RegExp µs/line median (min–max) | PythonRegex µs/line median (min–max)');
for (const [name, python, js] of cases) {
  const [source, flags] = Array.isArray(js) ? js : [js, ''];
  const regexp = new RegExp(source, flags);
  const pyre = new PythonRegex(python);
  const a = measure((line) => regexp.test(line));
  const b = measure((line) => pyre.search(line));
  console.log(`${name} | ${a[3]} (${a[0]}–${a[6]}) | ${b[3]} (${b[0]}–${b[6]})`);
}
const ip = new PythonRegex('\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}');
const ipTemplate = ip.template('xxx.xxx.xxx.xxx');
const ipRegexp = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;
const sa = measure((line) => line.replace(ipRegexp, () => 'xxx.xxx.xxx.xxx') !== line);
const sb = measure((line) => ip.sub(line, ipTemplate) !== line);
console.log(`REDACT_IP (sub, every line matches) | ${sa[3]} (${sa[0]}–${sa[6]}) | ${sb[3]} (${sb[0]}–${sb[6]})`);
const evil = new PythonRegex('^(a+)+$');
const before = process.cpuUsage();
evil.search('a'.repeat(100_000) + '!');
const used = process.cpuUsage(before);
console.log(
  `^(a+)+$ on 100,000 a's and "!": ${((used.user + used.system) / 1000).toFixed(1)} ms CPU (RegExp: does not end)`,
);
