// Describes each chunk's origin once per invocation: a large S3 object arrives as many chunks of one origin,
// and its attributes (with its resource tags, when they are fetched) are computed and serialized only once.
import type { LogChunk, Origin, SourceOrigin } from '../types.js';
import { describeOrigin, type OriginSettings } from './origin.js';
import type { OriginTagger } from './resource-tags.js';

export function originDescriber(settings: OriginSettings, tagger?: OriginTagger): (chunk: LogChunk) => Promise<Origin> {
  const origins = new WeakMap<SourceOrigin, Promise<Origin>>();
  return (chunk) => {
    let origin = origins.get(chunk.origin);
    if (!origin) {
      origin = tagger
        ? tagger.describe(chunk, settings)
        : Promise.resolve(describeOrigin(chunk.origin, settings, {}, chunk.logs[0]?.message));
      origins.set(chunk.origin, origin);
    }
    return origin;
  };
}
