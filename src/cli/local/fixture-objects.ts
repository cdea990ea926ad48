// The S3 objects a fixture event names, described in `<case>.event.json`'s sibling `<case>.objects.json`
// (fixtures/README.md): `"<bucket>/<key>": {"file": ..., "gzip": true | "two-members"}`, `{"base64": ...}`, or
// `{"error": "not_found" | "access_denied"}`. `forwarder invoke` serves them from a local S3; `forwarder explain`
// and the golden tests read them with fixtureObjectReader.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ObjectReadError, type ObjectReader } from '../../sources/object-reader.js';

type ObjectSpec =
  | { file: string; gzip?: boolean | 'two-members'; etag?: string }
  | { base64: string }
  | { error: 'not_found' | 'access_denied' };

export type ObjectSpecs = Record<string, ObjectSpec>;

/** `<case>.objects.json` beside `<case>.event.json` (or the event file's name with that suffix). */
export function objectsFileFor(eventFile: string): string {
  return eventFile.replace(/(\.event)?\.json$/, '') + '.objects.json';
}

/** An object's bytes as S3 would hold them; `folder` is where `file` paths start. */
export function objectBytes(folder: string, spec: Exclude<ObjectSpec, { error: string }>): Buffer {
  if ('base64' in spec) return Buffer.from(spec.base64, 'base64');
  const bytes = readFileSync(path.join(folder, spec.file));
  if (spec.gzip === 'two-members') {
    // Two gzip members back to back, as some AWS services write: split at a line boundary near the middle.
    const half = bytes.indexOf(10, bytes.length >> 1) + 1;
    return Buffer.concat([gzipSync(bytes.subarray(0, half)), gzipSync(bytes.subarray(half))]);
  }
  return spec.gzip ? gzipSync(bytes) : bytes;
}

/** "bucket/key/with/slashes" → [bucket, key]. */
export function splitObjectName(name: string): [string, string] {
  const at = name.indexOf('/');
  return [name.slice(0, at), name.slice(at + 1)];
}

/**
 * An ObjectReader for the objects `specs` describes, streamed in pieces of `pieceBytes` (tests read in small
 * pieces, so that lines cross chunk boundaries as they do on the network); an object not described is not found.
 */
export function fixtureObjectReader(folder: string, specs: ObjectSpecs, pieceBytes = 64 * 1024): ObjectReader {
  return {
    open: async (bucket, key) => {
      const spec = specs[`${bucket}/${key}`];
      if (spec === undefined || ('error' in spec && spec.error === 'not_found')) {
        throw new ObjectReadError('object_not_found', false, `s3://${bucket}/${key} does not exist.`);
      }
      if ('error' in spec) {
        throw new ObjectReadError('object_access_denied', false, `Access to s3://${bucket}/${key} was denied.`);
      }
      const bytes = objectBytes(folder, spec);
      const pieces = Array.from({ length: Math.ceil(bytes.length / pieceBytes) }, (_, i) =>
        bytes.subarray(i * pieceBytes, (i + 1) * pieceBytes),
      );
      return { body: Readable.from(pieces), metadata: { etag: 'file' in spec ? (spec.etag ?? 'etag-1') : 'etag-1' } };
    },
  };
}
