// Patterns in the settings that the Datadog Agent's trace pipeline reads (DD_APM_REPLACE_TAGS,
// DD_APM_IGNORE_RESOURCES) are Go regular expressions (https://pkg.go.dev/regexp/syntax): RE2 syntax, which
// re2js runs as written, with Go's meaning and in time linear in the text, so no pattern can hold an invocation.
import { RE2JS } from 're2js';

export class GoRegex {
  private readonly re: RE2JS;

  /** Throws an Error naming the problem when Go would refuse the pattern. */
  constructor(readonly source: string) {
    this.re = RE2JS.compile(source);
  }

  test(text: string): boolean {
    return this.re.test(text);
  }

  /** Every match replaced; `$1`, `$<name>`, `$$` and `$&` expanded as String.prototype.replace does. */
  replaceAll(text: string, replacement: string): string {
    return this.re.test(text) ? this.re.matcher(text).replaceAll(replacement) : text;
  }
}
