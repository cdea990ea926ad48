// Reads the go-spew dumps of the Datadog Forwarder's trace snapshots (`<case>.json~snapshot` in the conformance
// traces folder) into plain JSON values: 64-bit integers as decimal strings (exact), int32 and float64 as
// numbers, nil as null. Arrays and structs both open with `{` in spew; the type says which.

export function parseSpew(text: string): unknown {
  const stack: ('array' | 'object')[] = [];
  let json = '';
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const close = /^\}\)?(,?)$/.exec(line);
    if (close) {
      json += (stack.pop() === 'array' ? ']' : '}') + close[1];
      continue;
    }
    const entry = /^(\(string\) (?:\(len=\d+\) )?"(?:[^"\\]|\\.)*"): (.*)$/.exec(line);
    const field = /^([A-Za-z]\w*): (.*)$/.exec(line);
    const key = entry ? JSON.stringify(JSON.parse(entry[1]!.replace(/^\(string\) (?:\(len=\d+\) )?/, ''))) : undefined;
    const rest = entry ? entry[2]! : field ? field[2]! : line;
    if (key !== undefined) json += `${key}:`;
    else if (field) json += `${JSON.stringify(field[1])}:`;
    json += value(rest, stack);
  }
  return JSON.parse(json);
}

function value(text: string, stack: ('array' | 'object')[]): string {
  const pointer = /^\(\*pb\.\w+\)\(\{$/.exec(text);
  if (pointer) {
    stack.push('object');
    return '{';
  }
  const typed = /^\(([^)]+)\) (?:\(len=\d+\) )?(.*?)(,?)$/.exec(text);
  if (!typed) throw new Error(`Unreadable spew line: ${text}`);
  const [, type, raw, comma] = typed as unknown as [string, string, string, string];
  if (raw === '<nil>') return `null${comma}`;
  if (raw === '{') {
    stack.push(type.startsWith('[]') ? 'array' : 'object');
    return type.startsWith('[]') ? '[' : '{';
  }
  if (type === 'string') return `${raw}${comma}`;
  if (type === 'uint64' || type === 'int64') return `"${raw}"${comma}`;
  return `${raw}${comma}`;
}
