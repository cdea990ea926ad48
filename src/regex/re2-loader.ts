// re2js is loaded only when a setting's pattern runs on it: its code takes tens of milliseconds to parse, which
// the cold start of a forwarder without such a pattern should not pay. deps.ts loads it, once per container,
// before the first invocation uses a pattern; patterns are checked when the configuration is read, without it.
import type { RE2JS } from 're2js';

let loaded: typeof RE2JS | undefined;

export async function loadRe2(): Promise<void> {
  loaded ??= (await import('re2js')).RE2JS;
}

export function re2js(): typeof RE2JS {
  if (loaded === undefined) throw new Error('re2js is not loaded: call loadRe2() before matching (deps.ts does).');
  return loaded;
}
