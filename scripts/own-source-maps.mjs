// Source maps for our own code only. src/stack-traces.ts reads a file's map when a stack trace with a frame in
// it is formatted; with NODE_OPTIONS=--enable-source-maps (which the template no longer sets) Node instead reads,
// parses and indexes, while it loads each module, the source map its sourceMappingURL names (Node 24 does it
// eagerly, lib/internal/source_map/source_map_cache.js maybeCacheSourceMap): for the minified AWS SDK that was
// most of the maps' bytes and a large share of a cold start's CPU. A stack trace needs src/ positions; a frame
// inside the SDK is of no use mapped to a file of node_modules. So every segment that maps to node_modules is
// unmapped (a segment of its generated column alone where one of ours precedes it, so that ours does not
// stretch over it; nothing where the line has none of ours before it), and a chunk
// with no segment of ours left loses its sourceMappingURL comment, so that Node reads no map for it. The maps
// keep their `sources` (the bundle test reads from them what each chunk was built from).
// https://sourcemaps.info/spec.html (Source Map Revision 3: mappings, VLQ segments)
import { readFile, writeFile } from 'node:fs/promises';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Rewrites `file` (an .mjs) and its .map in place; returns whether the file still names a map. */
export async function keepOwnSourceMap(file) {
  const map = JSON.parse(await readFile(`${file}.map`, 'utf8'));
  const foreign = map.sources.map((source) => /(^|\/)node_modules\//.test(source));
  const { mappings, own } = ownMappings(map.mappings, foreign);
  await writeFile(`${file}.map`, JSON.stringify({ ...map, mappings }));
  if (own > 0) return true;
  const code = await readFile(file, 'utf8');
  await writeFile(file, code.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n'));
  return false;
}

/** The mappings with every segment into a `foreign` source left unmapped; `own`: the segments kept mapped. */
export function ownMappings(mappings, foreign) {
  let own = 0;
  // Absolute values of the fields relative across lines (source, line, column, name), read and written.
  const read = [0, 0, 0, 0];
  const written = [0, 0, 0, 0];
  const lines = mappings.split(';').map((line) => {
    let readColumn = 0;
    let writtenColumn = 0;
    let lastMapped = false;
    const out = [];
    for (const segment of line === '' ? [] : line.split(',')) {
      const fields = decode(segment);
      readColumn += fields[0];
      for (let i = 1; i < fields.length; i++) read[i - 1] += fields[i];
      const mapped = fields.length > 1 && !foreign[read[0]];
      // An unmapped segment only ends the mapped one before it on its line: a run of them is written once.
      if (!mapped && !lastMapped) continue;
      lastMapped = mapped;
      const values = [readColumn - writtenColumn];
      writtenColumn = readColumn;
      if (mapped) {
        own++;
        for (let i = 1; i < fields.length; i++) {
          values.push(read[i - 1] - written[i - 1]);
          written[i - 1] = read[i - 1];
        }
      }
      out.push(values.map(encode).join(''));
    }
    return out.join(',');
  });
  return { mappings: lines.join(';'), own };
}

function decode(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`Invalid source map segment ${segment}`);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encode(value) {
  let vlq = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = vlq & 31;
    vlq >>>= 5;
    if (vlq > 0) digit |= 32;
    out += BASE64[digit];
  } while (vlq > 0);
  return out;
}
