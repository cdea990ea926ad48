// A replacement template as Python's re.sub reads it (CPython re/_parser.py parse_template): `\1` to `\99` and
// `\g<1>` / `\g<name>` / `\g<0>` insert a group (empty when it did not take part), `\n` `\t` `\r` `\f` `\v` `\a`
// `\b` `\\` are those characters, `\0` and three octal digits are octal, another ASCII letter after a backslash
// is an error, and any other escaped character keeps its backslash. Python reports those errors at the first
// substitution, failing the batch; they are reported here when the configuration is read.
import { PatternError } from './pattern-tree.js';

/** Literal text, or the number of the Python group to insert. */
export type TemplatePart = string | number;

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

export function parseTemplate(
  template: string,
  groups: number,
  names: ReadonlyMap<string, number>,
): readonly TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  const group = (index: number, at: number) => {
    if (index > groups) throw new PatternError(`invalid group reference ${index} at position ${at}`, false);
    if (text !== '') parts.push(text);
    text = '';
    parts.push(index);
  };
  let i = 0;
  while (i < template.length) {
    const c = template[i++]!;
    if (c !== '\\') {
      text += c;
      continue;
    }
    const at = i - 1;
    const e = template[i++];
    if (e === undefined) throw new PatternError(`bad escape (end of pattern) at position ${at}`, false);
    if (e === 'g') {
      const match = /^<([^>]*)>/.exec(template.slice(i));
      if (!match) throw new PatternError(`missing < or > in \\g at position ${at}`, false);
      i += match[0].length;
      const name = match[1]!;
      const index = names.get(name) ?? (/^\d+$/.test(name) ? Number(name) : undefined);
      if (index === undefined) throw new PatternError(`unknown group name '${name}' at position ${at}`, false);
      group(index, at);
    } else if (/[0-9]/.test(e)) {
      const octal = /^(?:0[0-7]{0,2}|[0-7]{3})/.exec(template.slice(i - 1));
      if (octal && (e === '0' || octal[0].length === 3)) {
        const value = parseInt(octal[0], 8);
        if (value > 0o377) throw new PatternError(`octal escape value \\${octal[0]} outside of range 0-0o377`, false);
        text += String.fromCharCode(value);
        i += octal[0].length - 1;
      } else {
        const digits = /^\d\d?/.exec(template.slice(i - 1))![0];
        i += digits.length - 1;
        group(Number(digits), at);
      }
    } else if (e in ESCAPES) {
      text += ESCAPES[e];
    } else if (/[A-Za-z]/.test(e)) {
      throw new PatternError(`bad escape \\${e} at position ${at}`, false);
    } else {
      text += `\\${e}`;
    }
  }
  if (text !== '') parts.push(text);
  return parts;
}
