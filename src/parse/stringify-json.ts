// JSON.stringify for values that came from untrusted JSON, however deeply nested. V8's JSON.parse is iterative,
// so an event or log nested 100,000 levels parses, but JSON.stringify recurses and throws `RangeError: Maximum
// call stack size exceeded` past some thousands of levels. The native call stays the fast path; only a value it
// cannot write is written again here, with an explicit stack, to the same text.

/** `JSON.stringify(value)` that does not overflow the stack on deep nesting. */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return writeIteratively(value);
  }
}

interface Frame {
  readonly keys?: readonly string[];
  readonly values: readonly unknown[];
  index: number;
}

function writeIteratively(root: unknown): string | undefined {
  const stack: Frame[] = [];
  let out = '';
  let value = toJsonValue(root, '');
  if (value === undefined) return undefined;
  for (;;) {
    if (Array.isArray(value)) {
      out += '[';
      stack.push({ values: value.map((item, i) => toJsonValue(item, String(i)) ?? null), index: 0 });
    } else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      const keys: string[] = [];
      const values: unknown[] = [];
      for (const key of Object.keys(object)) {
        const item = toJsonValue(object[key], key);
        if (item === undefined) continue;
        keys.push(key);
        values.push(item);
      }
      out += '{';
      stack.push({ keys, values, index: 0 });
    } else {
      out += JSON.stringify(value);
    }
    let top: Frame | undefined;
    while ((top = stack.at(-1)) !== undefined && top.index === top.values.length) {
      out += top.keys ? '}' : ']';
      stack.pop();
    }
    if (top === undefined) return out;
    if (top.index > 0) out += ',';
    if (top.keys) out += `${JSON.stringify(top.keys[top.index])}:`;
    value = top.values[top.index++];
  }
}

/** What JSON.stringify writes for `value`: its toJSON() result; undefined for what it leaves out. */
function toJsonValue(value: unknown, key: string): unknown {
  const own =
    typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON(key: string): unknown }).toJSON(key)
      : value;
  return typeof own === 'function' || typeof own === 'symbol' ? undefined : own;
}
