// A regular expression from a setting, with the meaning it has in Python's `re` (the Datadog Forwarder's
// language, so users keep the patterns of their stacks) and run in time linear in the text: it is translated to
// RE2 syntax (./to-re2.ts) and run by re2js, a JavaScript port of RE2 (lazy DFA, no backtracking), so no pattern
// can hold an invocation (`^(a+)+$` takes microseconds). re2js is loaded only when a pattern needs it
// (./re2-loader.ts: call loadRe2() before matching). A pattern that cannot backtrack far runs as a
// JavaScript RegExp instead, which is faster and still linear (./to-js.ts). What cannot be translated exactly is
// refused when the configuration is read, naming the construct.
import type { RE2JS } from 're2js';
import { parsePythonPattern } from './python-pattern.js';
import type { Node, ParsedPattern } from './pattern-tree.js';
import { parseTemplate, type TemplatePart } from './replacement.js';
import { re2js } from './re2-loader.js';
import { hasUnicodeBoundary, toJs } from './to-js.js';
import { toRe2, type Re2Translation } from './to-re2.js';

export { PatternError } from './pattern-tree.js';

/** How a pattern is run: the three uses the Datadog Forwarder makes of its patterns. */
interface Engine {
  readonly name: 'regexp' | 're2js';
  search(text: string): boolean;
  matchStart(text: string): boolean;
  /** `onMatch` is called for each match replaced (for subn). */
  sub(text: string, template: readonly TemplatePart[], onMatch?: () => void): string;
}

interface PythonRegexOptions {
  /** `re2` runs every pattern on re2js (tests compare both engines with Python). */
  readonly engine?: 'auto' | 're2';
}

export class PythonRegex {
  private readonly parsed: ParsedPattern;
  private readonly engine: Engine;
  /**
   * On re2js, the text every match starts with (`password=` of `password=[^&\s]+`), when there is one: a text
   * without it cannot match, and String.includes says so far faster than re2js (which copies the text first).
   */
  private readonly prefix: string | undefined;

  /** Throws a PatternError when Python would refuse the pattern or it cannot be run exactly. */
  constructor(
    readonly source: string,
    options: PythonRegexOptions = {},
  ) {
    this.parsed = parsePythonPattern(source);
    const re2 = new Re2Engine(this.parsed);
    const js = options.engine === 're2' ? undefined : toJs(this.parsed, false);
    const jsAscii = js !== undefined && hasUnicodeBoundary(this.parsed.root) ? toJs(this.parsed, true) : undefined;
    this.engine = js === undefined ? re2 : new JsEngine(js, jsAscii);
    const prefix = js === undefined ? literalPrefix(this.parsed.root) : '';
    this.prefix = prefix === '' ? undefined : prefix;
  }

  /** Which engine runs the pattern: a RegExp when it cannot backtrack far, else re2js. */
  get engineName(): 'regexp' | 're2js' {
    return this.engine.name;
  }

  /** Python's `re.search(pattern, text) is not None`. */
  search(text: string): boolean {
    if (this.prefix !== undefined && !text.includes(this.prefix)) return false;
    return this.engine.search(text);
  }

  /** Python's `re.match(pattern, text) is not None`: a match that starts at the start of the text. */
  matchStart(text: string): boolean {
    if (this.prefix !== undefined && !text.startsWith(this.prefix)) return false;
    return this.engine.matchStart(text);
  }

  /** A replacement template read as Python's re.sub reads it; throws a PatternError as Python would. */
  template(replacement: string): readonly TemplatePart[] {
    return parseTemplate(replacement, this.parsed.groups, this.parsed.names);
  }

  /** Python's `re.sub(pattern, template, text)`; the text itself when nothing matched. */
  sub(text: string, template: readonly TemplatePart[]): string {
    if (this.prefix !== undefined && !text.includes(this.prefix)) return text;
    return this.engine.sub(text, template);
  }

  /** Python's `re.subn(pattern, template, text)`: the text with every match replaced, and how many were. */
  subn(text: string, template: readonly TemplatePart[]): { text: string; count: number } {
    if (this.prefix !== undefined && !text.includes(this.prefix)) return { text, count: 0 };
    let count = 0;
    const replaced = this.engine.sub(text, template, () => count++);
    return { text: replaced, count };
  }
}

/**
 * The literal text every match of the node starts with: its leading characters that are each exactly one code
 * point (case-sensitive), through groups, after zero-width `^`, `\A`, `\b`; '' when it starts otherwise.
 */
function literalPrefix(node: Node): string {
  return literalStart(node).text;
}

/** The literal start of a node, and whether that literal is the whole of it (so what follows it adds to it). */
function literalStart(node: Node): { text: string; whole: boolean } {
  switch (node.type) {
    case 'chars': {
      const [range] = node.set;
      const one = !node.negated && !node.icase && node.set.length === 1 && range![0] === range![1];
      return one ? { text: String.fromCodePoint(range![0]), whole: true } : { text: '', whole: false };
    }
    case 'assert':
      return { text: '', whole: true };
    case 'group':
      return literalStart(node.body);
    case 'seq': {
      let text = '';
      for (const item of node.items) {
        const start = literalStart(item);
        text += start.text;
        if (!start.whole) return { text, whole: false };
      }
      return { text, whole: true };
    }
    default:
      return { text: '', whole: false };
  }
}

class JsEngine implements Engine {
  readonly name = 'regexp';
  /** Any text, and (when `\b` needs it) ASCII-only text. */
  private readonly unicode: JsPrograms;
  private readonly ascii: JsPrograms | undefined;

  constructor(source: string, asciiSource: string | undefined) {
    this.unicode = jsPrograms(source);
    this.ascii = asciiSource === undefined ? undefined : jsPrograms(asciiSource);
  }

  search(text: string): boolean {
    return this.programs(text).any.test(text);
  }

  matchStart(text: string): boolean {
    const { atStart } = this.programs(text);
    atStart.lastIndex = 0;
    return atStart.test(text);
  }

  sub(text: string, template: readonly TemplatePart[], onMatch?: () => void): string {
    // Python's and JavaScript's global replace agree on empty matches: each is replaced, next to a match too.
    return text.replace(this.programs(text).all, (...args: unknown[]) => {
      onMatch?.();
      let out = '';
      for (const part of template) out += typeof part === 'string' ? part : ((args[part] as string | undefined) ?? '');
      return out;
    });
  }

  private programs(text: string): JsPrograms {
    return this.ascii !== undefined && ASCII_ONLY.test(text) ? this.ascii : this.unicode;
  }
}

interface JsPrograms {
  readonly any: RegExp;
  readonly atStart: RegExp;
  readonly all: RegExp;
}

function jsPrograms(source: string): JsPrograms {
  return { any: new RegExp(source, 'u'), atStart: new RegExp(source, 'uy'), all: new RegExp(source, 'gu') };
}

const ASCII_ONLY = /^\p{ASCII}*$/u;

interface Program {
  readonly re: RE2JS;
  readonly translation: Re2Translation;
}

class Re2Engine implements Engine {
  readonly name = 're2js';
  /** The translation for any text, and (when `\b` needs it) a faster one for ASCII-only text. */
  private readonly translations: { unicode: Re2Translation; ascii?: Re2Translation };
  /** Compiled on first use, once re2js is loaded (./re2-loader.ts). */
  private programs: { unicode: Program; ascii?: Program } | undefined;

  constructor(parsed: ParsedPattern) {
    const unicode = toRe2(parsed, false);
    this.translations = { unicode, ascii: unicode.unicodeBoundaries ? toRe2(parsed, true) : undefined };
  }

  search(text: string): boolean {
    return this.program(text).re.test(text);
  }

  matchStart(text: string): boolean {
    return this.program(text).re.matcher(text).lookingAt();
  }

  sub(text: string, template: readonly TemplatePart[], onMatch?: () => void): string {
    const { re, translation } = this.program(text);
    const { groupIndex, trimGroups } = translation;
    const m = re.matcher(text);
    let out = '';
    let matched = false;
    let copied = 0;
    let from = 0;
    while (from <= text.length && m.find(from)) {
      matched = true;
      onMatch?.();
      const start = m.start();
      const end = matchEnd(m, trimGroups);
      out += text.slice(copied, start);
      for (const part of template) {
        if (typeof part === 'string') out += part;
        else out += groupText(m, groupIndex[part]!, end, text);
      }
      copied = end;
      if (end > start) {
        from = end;
        continue;
      }
      // An empty match: the next one starts a character later (Python replaces an empty match next to a
      // previous match, as here).
      if (start >= text.length) break;
      const width = (text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1;
      out += text.slice(start, start + width);
      copied = from = start + width;
    }
    return matched ? out + text.slice(copied) : text;
  }

  private program(text: string): Program {
    const { unicode, ascii } = this.translations;
    this.programs ??= { unicode: compile(unicode), ascii: ascii && compile(ascii) };
    const programs = this.programs;
    return programs.ascii !== undefined && ASCII_ONLY.test(text) ? programs.ascii : programs.unicode;
  }
}

function compile(translation: Re2Translation): Program {
  const RE2 = re2js();
  const flags = translation.lookbehinds ? RE2.LOOKBEHINDS : 0;
  return { re: RE2.compile(translation.source, flags), translation };
}

type Matcher = ReturnType<RE2JS['matcher']>;

/** Where the match ends in Python: before any character consumed only to look at it. */
function matchEnd(m: Matcher, trimGroups: readonly number[]): number {
  for (const g of trimGroups) {
    const at = m.start(g);
    if (at >= 0) return at;
  }
  return m.end();
}

function groupText(m: Matcher, group: number, matchEnd: number, text: string): string {
  const start = m.start(group);
  if (start < 0) return '';
  return text.slice(start, Math.min(m.end(group), matchEnd));
}
