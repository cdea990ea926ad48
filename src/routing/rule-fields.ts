// Reads the fields of one routing rule, collecting each problem as `rules[i] "name": field what is wrong`, so that
// one start-up error lists everything to fix in a rule file (rule-file.ts).
import type { ScrubbingRule } from '../config/index.js';
import { PatternError, PythonRegex } from '../regex/python-regex.js';
import { DETECTOR_NAMES as DETECTORS } from '../config/detector-names.js';

/** The detector names a rule's `redact` may list, as plain strings to check what a file says. */
const DETECTOR_NAMES: readonly string[] = DETECTORS;

/** What reading collects: the problems found, and every pattern compiled. */
export interface Findings {
  readonly problems: string[];
  readonly patterns: PythonRegex[];
}

/** Reads one rule's fields, reporting each problem as `rules[i] "name": field: what is wrong`. */
export class FieldReader {
  private readonly raw: Record<string, unknown>;

  constructor(
    private readonly index: number,
    raw: unknown,
    private readonly findings: Findings,
  ) {
    this.raw = isObject(raw) ? raw : {};
    if (!isObject(raw)) this.problem(undefined, `must be a mapping of fields, got ${typeName(raw)}.`);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  problem(field: string | undefined, message: string): void {
    const name = typeof this.raw.name === 'string' ? ` "${this.raw.name}"` : '';
    this.findings.problems.push(`rules[${this.index}]${name}: ${field === undefined ? '' : `${field} `}${message}`);
  }

  /** The field's value as the file gives it. */
  value(key: string): unknown {
    return this.raw[key];
  }

  unknownFields(known: ReadonlySet<string>): void {
    for (const key of Object.keys(this.raw)) {
      if (!known.has(key)) this.problem(key, `is not a rule field (expected one of ${[...known].join(', ')}).`);
    }
  }

  string(key: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.raw[key];
    if (value === undefined) {
      if (options.required) this.problem(key, 'is required: every rule has a name, which messages and explain show.');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(key, `must be a non-empty string, got ${typeName(value)}.`);
      return undefined;
    }
    return value.trim();
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value === undefined || typeof value === 'boolean') return value;
    this.problem(key, `must be true or false, got ${typeName(value)}.`);
    return undefined;
  }

  /** One string or a list of them; each value non-empty. */
  strings(key: string, value: unknown = this.raw[key]): string[] | undefined {
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (list.length === 0) {
      this.problem(key, 'must not be an empty list.');
      return undefined;
    }
    const bad = list.find((v) => typeof v !== 'string' || v === '');
    if (bad !== undefined) {
      const hint = typeof bad === 'number' ? ' (quote numbers such as account ids: YAML drops leading zeros)' : '';
      this.problem(key, `must be a non-empty string or a list of them, got ${typeName(bad)}${hint}.`);
      return undefined;
    }
    return list as string[];
  }

  tags(key: string): string[] | undefined {
    const tags = this.strings(key);
    const withComma = tags?.find((t) => t.includes(','));
    if (withComma !== undefined) {
      this.problem(key, `must list one tag per item: ${JSON.stringify(withComma)} holds a comma.`);
      return undefined;
    }
    // A service tag beside the service attribute would name two services; the rule's `service` sets both.
    if (tags?.some((t) => t.trim().startsWith('service:'))) {
      this.problem(key, "must not hold a service: tag; set the rule's `service`, which sets the tag too.");
      return undefined;
    }
    return tags?.map((t) => t.trim());
  }

  pattern(key: string, value: unknown = this.raw[key]): PythonRegex | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      this.problem(key, `must be a Python regular expression (a string), got ${typeName(value)}.`);
      return undefined;
    }
    try {
      const pattern = new PythonRegex(value);
      this.findings.patterns.push(pattern);
      return pattern;
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      this.problem(
        key,
        error.acceptedByPython
          ? `uses ${error.message}, which Forwarder cannot run exactly in linear time; see "Regular expressions" in docs/compatibility.md.`
          : `is not a valid Python regular expression: ${error.message}.`,
      );
      return undefined;
    }
  }

  scrubbing(key: string): ScrubbingRule[] {
    const value = this.raw[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.length === 0) {
      this.problem(key, 'must be a list of {pattern, replacement} mappings.');
      return [];
    }
    const rules: ScrubbingRule[] = [];
    (value as unknown[]).forEach((item, i) => {
      const where = `${key}[${i}]`;
      const entry = isObject(item) ? item : {};
      const extra = Object.keys(entry).filter((k) => k !== 'pattern' && k !== 'replacement');
      if (!isObject(item) || extra.length > 0) {
        this.problem(where, 'must be a mapping with `pattern` and, optionally, `replacement`.');
        return;
      }
      const pattern = this.pattern(`${where}.pattern`, entry.pattern);
      const replacement = entry.replacement ?? '';
      if (typeof replacement !== 'string') {
        this.problem(`${where}.replacement`, `must be a string, got ${typeName(replacement)}.`);
        return;
      }
      if (pattern === undefined) return;
      try {
        rules.push({
          name: `${this.raw.name as string}/${where}`,
          pattern,
          replacement: pattern.template(replacement),
        });
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        this.problem(`${where}.replacement`, `is not a valid Python replacement: ${error.message}.`);
      }
    });
    return rules;
  }

  detectors(key: string): string[] {
    const names = this.strings(key) ?? [];
    const unknown = names.filter((n) => !DETECTOR_NAMES.includes(n));
    if (unknown.length > 0) {
      this.problem(key, `names unknown detector(s) ${unknown.join(', ')} (known: ${DETECTOR_NAMES.join(', ')}).`);
    }
    return names.filter((n) => DETECTOR_NAMES.includes(n));
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
