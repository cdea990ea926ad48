// Python's `str.strip()` and `str.splitlines()`, which the Datadog Forwarder applies to the lines of S3 objects
// (S3EventHandler._extract_other_logs, aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11), so that our
// lines keep the text and end where its lines do. Their character sets are Python's `str.isspace()` and the
// line boundaries of https://docs.python.org/3/library/stdtypes.html#str.splitlines. JavaScript's `trim()`
// differs: it keeps \x1c-\x1f and \x85, which Python strips, and strips U+FEFF, which Python keeps.

/** Whether Python's `str.isspace()` holds for this UTF-16 code unit (every such character is in the BMP). */
export function isPythonSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** `str.strip()`: the text without Python whitespace at either end. The text itself when there is none. */
export function pythonStrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonSpace(text.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * The line boundaries of `str.splitlines()` besides `\n`, `\r` and `\r\n` (which split-lines.ts already splits
 * on): \v, \f, \x1c, \x1d, \x1e, \x85, U+2028, U+2029.
 */
// eslint-disable-next-line no-control-regex -- these control characters are what the pattern is about
export const OTHER_PYTHON_LINE_BREAKS = /[\v\f\x1c-\x1e\x85\u2028\u2029]/;
