// Reads typed values out of a plain environment object, collecting every problem instead of stopping at the
// first, and remembering which variables were read (a test checks those against docs and template.yaml).
import { PatternError, PythonRegex } from '../regex/python-regex.js';
import type { TemplatePart } from '../regex/replacement.js';

import { baseUrlProblem } from './base-url.js';

export type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
  readonly problems: string[] = [];
  readonly names = new Set<string>();

  constructor(private readonly env: Env) {}

  /** The raw value, or undefined when unset or blank. */
  raw(name: string): string | undefined {
    this.names.add(name);
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name)?.trim() ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name)?.trim();
  }

  /** `true` / `false` in any case; anything else is a problem. */
  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.trim().toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    this.problems.push(`${name} must be true or false, got ${JSON.stringify(this.env[name])}.`);
    return fallback;
  }

  int(name: string, fallback: number, range: { min: number; max: number }): number {
    const value = this.raw(name)?.trim();
    if (value === undefined) return fallback;
    // Decimal digits only: Number() would also take `0x50`, `1e1` or `80.0`, which Python's int() refuses.
    const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < range.min || n > range.max) {
      this.problems.push(
        `${name} must be a whole number from ${range.min} to ${range.max}, got ${JSON.stringify(value)}.`,
      );
      return fallback;
    }
    return n;
  }

  /** A regular expression (not anchored, as Python's re.search). Flags may be given. */
  regex(name: string, flags = ''): RegExp | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      return new RegExp(value, flags);
    } catch (error) {
      this.problems.push(`${name} is not a valid regular expression: ${(error as Error).message}.`);
      return undefined;
    }
  }

  /**
   * A Python re pattern (the Datadog Forwarder's settings are Python's); `builtIn` is the pattern of a built-in
   * rule switched on by the variable. A pattern Python refuses, or one that cannot run exactly here, is a problem
   * naming the construct.
   */
  pythonRegex(name: string, builtIn?: string): PythonRegex | undefined {
    const value = builtIn ?? this.raw(name);
    if (value === undefined) return undefined;
    try {
      return new PythonRegex(value);
    } catch (error) {
      this.problems.push(patternProblem(name, 'regular expression', error));
      return undefined;
    }
  }

  /** A re.sub replacement template for `pattern` (empty when unset, as in the Datadog Forwarder v5). */
  pythonTemplate(name: string, pattern: PythonRegex | undefined): readonly TemplatePart[] | undefined {
    const value = this.raw(name) ?? '';
    if (pattern === undefined) return undefined;
    try {
      return pattern.template(value);
    } catch (error) {
      this.problems.push(patternProblem(name, 'replacement', error));
      return undefined;
    }
  }

  /** An absolute http(s) URL, without a trailing slash. */
  url(name: string): string | undefined {
    const value = this.raw(name)?.trim();
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http or https');
      return value.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name} must be an http:// or https:// URL, got ${JSON.stringify(value)}.`);
      return undefined;
    }
  }

  /**
   * The base URL of an intake (scheme, host, port): the forwarder adds the intake's own path, so a path, a
   * query or credentials would be sent where nobody meant them to go (`/path?api_key=...` before `/api/v2/logs`,
   * user:password as Basic auth). Refused, naming the variable; a value with credentials is never quoted.
   */
  baseUrl(name: string): string | undefined {
    const value = this.raw(name)?.trim();
    if (value === undefined) return undefined;
    const problem = baseUrlProblem(value);
    if (problem === undefined) return value.replace(/\/+$/, '');
    this.problems.push(`${name} ${problem}`);
    return undefined;
  }

  problem(message: string): void {
    this.problems.push(message);
  }
}

function patternProblem(name: string, what: string, error: unknown): string {
  if (!(error instanceof PatternError)) throw error;
  return error.acceptedByPython
    ? `${name} uses ${error.message}, which Forwarder cannot run exactly in linear time; see "Regular expressions" in docs/compatibility.md.`
    : `${name} is not a valid Python ${what}: ${error.message}.`;
}
