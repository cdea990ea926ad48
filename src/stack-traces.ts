// Stack traces of the bundle mapped back to src/ when one is formatted, not at start. Node's --enable-source-maps
// reads each module's map and walks its whole text (lib/internal/source_map/source_map_cache.js, lineLengths)
// while the module loads: about an eighth of the CPU of a cold start (docs/performance.md), for stack traces that
// most invocations never format. Here a bundle file's map (`<file>.map`, beside it) is read the first time a
// frame in that file is formatted. With --enable-source-maps nothing is installed (Node maps them itself).
// https://v8.dev/docs/stack-trace-api (Error.prepareStackTrace and CallSite)
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const fs = process.getBuiltinModule('node:fs');

/** One map per bundle file; null when the file has none (or it is unreadable). */
const maps = new Map<string, SourceMap | null>();

export function mapStackTracesOnDemand(): void {
  if (process.sourceMapsEnabled) return;
  // Node's own formatter (or a test runner's) writes the trace; its bundle positions are then rewritten.
  const format = Error.prepareStackTrace ?? defaultFormat;
  Error.prepareStackTrace = (error, frames) => {
    const trace: unknown = format(error, frames);
    return typeof trace === 'string' ? mapPositions(trace) : trace;
  };
}

function defaultFormat(error: Error, frames: NodeJS.CallSite[]): string {
  return [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${frame.toString()}`)].join('\n');
}

/** `file:line:column` positions in a .mjs file beside its .map, as its src/ positions where the map has them. */
function mapPositions(trace: string): string {
  return trace.replace(/((?:file:\/\/)?\/[^\s()]+\.mjs):(\d+):(\d+)/g, (position, file: string, line, column) => {
    try {
      const path = file.startsWith('file:') ? fileURLToPath(file) : file;
      const entry = sourceMapOf(path)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !('originalSource' in entry)) return position;
      const source = fileURLToPath(new URL(entry.originalSource, pathToFileURL(path)));
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      return position;
    }
  });
}

function sourceMapOf(path: string): SourceMap | null {
  let map = maps.get(path);
  if (map === undefined) {
    try {
      map = path.endsWith('.mjs') ? new SourceMap(JSON.parse(fs.readFileSync(`${path}.map`, 'utf8'))) : null;
    } catch {
      map = null;
    }
    maps.set(path, map);
  }
  return map;
}
