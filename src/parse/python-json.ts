// Re-serialises JSON text the way Python's `json.dumps(json.loads(text))` does, because the Datadog Forwarder
// re-serialises a JSON message from which it removed `ddtags`, and its records are our conformance target:
// separators `, ` and `: `, non-ASCII escaped as \uXXXX, key order kept (JSON.parse would move integer-like
// keys first), integers kept exact, floats written as Python's repr writes them (`1.0`, `1e+16`).
// The parser and writer recurse, so nesting is bounded (MAX_DEPTH): deeper text is refused with a SyntaxError, as
// Python's json.loads refuses it with a RecursionError once the interpreter's recursion limit is reached.

type Node =
  | { kind: 'literal'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: Node[] }
  | { kind: 'object'; entries: [string, Node][] };

export function pythonJsonDumps(text: string, options: { omitTopLevelKey?: string } = {}): string {
  const parser = new Parser(text);
  let node = parser.value();
  parser.end();
  if (options.omitTopLevelKey !== undefined && node.kind === 'object') {
    const omitted = options.omitTopLevelKey;
    node = { kind: 'object', entries: node.entries.filter(([k]) => k !== omitted) };
  }
  return write(node);
}

/** A digit followed by `.`, `e` or `E` somewhere: the text may hold a float literal (or only such text in a string). */
const MAY_HOLD_FLOAT = /\d[.eE]/;
/** A key JSON.parse puts first in an object, before the text's order: an array index. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/**
 * `pythonJsonDumps(text, options)` written from `value`, the text's JSON.parse result, instead of parsing the text
 * again, where that is provably the same: undefined otherwise, that is when the text may hold a float (Python
 * writes `1.0` where JSON.parse kept 1), when an object has a key JSON.parse moves first (an array index; Python
 * keeps the text's order), an integer `integer` cannot give exactly, or nesting past MAX_DEPTH (Python refuses it).
 * Repeated keys need no care: both keep the last value at the first key's place.
 */
export function pythonJsonDumpsParsed(
  text: string,
  value: unknown,
  integer: (holder: object, key: string) => bigint | undefined,
  options: { omitTopLevelKey?: string } = {},
): string | undefined {
  if (MAY_HOLD_FLOAT.test(text)) return undefined;
  return new ParsedWriter(integer, options.omitTopLevelKey).value(value, undefined, '', 0);
}

class ParsedWriter {
  constructor(
    private readonly integer: (holder: object, key: string) => bigint | undefined,
    private readonly omitTopLevelKey: string | undefined,
  ) {}

  /** `value` (at `holder[key]`, nested `depth` containers deep), or undefined when it cannot be written here. */
  value(value: unknown, holder: object | undefined, key: string, depth: number): string | undefined {
    switch (typeof value) {
      case 'string':
        return pythonString(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'number':
        if (Number.isSafeInteger(value)) return String(value);
        return holder === undefined ? undefined : this.integer(holder, key)?.toString();
      case 'object':
        if (value === null) return 'null';
        if (depth >= MAX_DEPTH) return undefined;
        return Array.isArray(value)
          ? this.array(value as unknown[], depth + 1)
          : this.object(value as Record<string, unknown>, depth + 1);
      default:
        return undefined;
    }
  }

  private array(items: unknown[], depth: number): string | undefined {
    let out = '[';
    for (let i = 0; i < items.length; i++) {
      const item = this.value(items[i], items, String(i), depth);
      if (item === undefined) return undefined;
      out += i === 0 ? item : `, ${item}`;
    }
    return `${out}]`;
  }

  private object(object: Record<string, unknown>, depth: number): string | undefined {
    let out = '{';
    let first = true;
    for (const key of Object.keys(object)) {
      if (INDEX_KEY.test(key)) return undefined;
      if (depth === 1 && key === this.omitTopLevelKey) continue;
      const item = this.value(object[key], object, key, depth);
      if (item === undefined) return undefined;
      out += `${first ? '' : ', '}${pythonString(key)}: ${item}`;
      first = false;
    }
    return `${out}}`;
  }
}

function write(node: Node): string {
  switch (node.kind) {
    case 'literal':
      return node.text;
    case 'string':
      return pythonString(node.value);
    case 'array':
      return `[${node.items.map(write).join(', ')}]`;
    case 'object':
      return `{${node.entries.map(([k, v]) => `${pythonString(k)}: ${write(v)}`).join(', ')}}`;
  }
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * `json.dumps(value, ensure_ascii=False)` of a value read from JSON: what the Datadog Forwarder writes each log as
 * (forwarder.py dump_event, 5.4.11). Keys in the object's order; numbers as JSON.parse left them (integers exact
 * up to 2^53, other numbers as Python's float repr).
 */
export function pythonJsonDumpsValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return pythonStringUnicode(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isInteger(value) ? String(value) : pythonFloat(String(value));
    case 'bigint':
      return value.toString();
    case 'object':
      if (Array.isArray(value)) return `[${value.map(pythonJsonDumpsValue).join(', ')}]`;
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${pythonStringUnicode(k)}: ${pythonJsonDumpsValue(v)}`)
        .join(', ')}}`;
    default:
      return 'null';
  }
}

/** Python's string encoding with ensure_ascii=False: only quotes, backslashes and control characters escaped. */
function pythonStringUnicode(value: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
  return `"${value.replace(/[\\"\x00-\x1f]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** Python's ensure_ascii string encoding: everything outside printable ASCII is escaped. */
export function pythonString(value: string): string {
  return `"${value.replace(/[\\"]|[^ -~]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** Python's repr of the float a JSON number denotes. */
export function pythonFloat(text: string): string {
  const x = Number(text);
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = x < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${whole}.${fraction}`;
}

/** Deeper nesting is refused: a log nested 100,000 levels would otherwise overflow the stack. */
export const MAX_DEPTH = 1_000;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  value(): Node {
    this.space();
    const c = this.s[this.i];
    if (c !== '{' && c !== '[') return c === '"' ? { kind: 'string', value: this.string() } : this.literal();
    if (++this.depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const node = c === '{' ? this.object() : this.array();
    this.depth--;
    return node;
  }

  end(): void {
    this.space();
    if (this.i !== this.s.length) this.fail('unexpected text after the JSON value');
  }

  private object(): Node {
    this.i++;
    const entries: [string, Node][] = [];
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.space();
      if (this.s[this.i] !== '"') this.fail('expected a key');
      const key = this.string();
      this.space();
      if (this.s[this.i++] !== ':') this.fail('expected ":"');
      const value = this.value();
      // Python dicts keep the last value of a repeated key, at the first key's position.
      const existing = entries.findIndex(([k]) => k === key);
      if (existing >= 0) entries[existing] = [key, value];
      else entries.push([key, value]);
      this.space();
      const c = this.s[this.i++];
      if (c === '}') return { kind: 'object', entries };
      if (c !== ',') this.fail('expected "," or "}"');
    }
  }

  private array(): Node {
    this.i++;
    const items: Node[] = [];
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const c = this.s[this.i++];
      if (c === ']') return { kind: 'array', items };
      if (c !== ',') this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') this.i += this.s[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  private literal(): Node {
    const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(
      this.s.slice(this.i, this.i + 400),
    );
    if (!match) this.fail('unexpected character');
    const text = match[0];
    this.i += text.length;
    if (text === 'true' || text === 'false' || text === 'null') {
      return { kind: 'literal', text: text === 'null' ? 'null' : text === 'true' ? 'true' : 'false' };
    }
    const isFloat = match[1] !== undefined || match[2] !== undefined;
    return { kind: 'literal', text: isFloat ? pythonFloat(text) : BigInt(text).toString() };
  }

  private space(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i] as string)) this.i++;
  }

  private fail(why: string): never {
    throw new SyntaxError(`Invalid JSON at position ${this.i}: ${why}`);
  }
}
