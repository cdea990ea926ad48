// `forwarder explain`'s pipeline run: the real forward() on one event file, with the real configuration read from the
// --env file, and nothing sent. Every port that would reach out is replaced: the intakes by a client that records
// and answers 202, S3 objects by the objects file beside the event (fixtures/README.md), resource tags by the
// --tags file (none without one), secret stores and additional Lambda targets by nothing. What each stage
// decided is collected through the DecisionLog port (explain-report.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TagSource } from '../cache/tag-source.js';
import type { SharedStore } from '../cache/shared-store.js';
import { loadDeps } from '../deps.js';
import { tagCacheKey } from '../enrich/aws-tags.js';
import { errorMessage } from '../errors.js';
import { forward } from '../forward.js';
import { Logger } from '../log.js';
import type { SecretReader } from '../secrets/secret-reader.js';
import { classifyEvent } from '../sources/trigger.js';
import { scrubberFor } from '../transform/scrub.js';
import type { HttpClient } from '../sinks/http-client.js';
import { ObjectReadError, type ObjectReader } from '../sources/object-reader.js';
import type { InvocationSummary } from '../summary.js';
import { ExplainRecorder, type ExplainReport } from './explain-report.js';
import { fixtureObjectReader, objectsFileFor, type ObjectSpecs } from './local/fixture-objects.js';
import { localContext } from './local/local-run.js';
import { encodeReadableEvent } from './readable-event.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A file given to explain that cannot be used: exit code 1, with the file and the problem named. */
export class ExplainInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExplainInputError';
  }
}

export interface ExplainInputs {
  /** The forwarder's environment variables, as in Lambda (from --env). */
  readonly env: Env;
  /** The file they were read from, for messages. */
  readonly envFile?: string;
  /** A routing rule file (--rules), passed to the forwarder as FORWARDER_ROUTING_RULES. */
  readonly rulesFile?: string;
  /** Resource tags by ARN (--tags), answering the tag lookups DD_FETCH_*_TAGS turn on. */
  readonly tags?: Readonly<Record<string, readonly string[]>>;
  /** Where the forwarder's own warnings go. */
  readonly warn: (line: string) => void;
}

/** A syntactically valid API key: nothing is sent, and a real key never reaches explain's output. */
const EXPLAIN_API_KEY = 'explain0000000000000000000000000';

/** Runs one event file through the pipeline; throws ExplainInputError when it or the configuration is unusable. */
export async function explainEvent(eventFile: string, inputs: ExplainInputs): Promise<ExplainReport> {
  const trigger = classifyEvent(encodeReadableEvent(await readJsonFile(eventFile, 'event')));
  const recorder = new ExplainRecorder();
  const objectsFile = objectsFileFor(eventFile);
  const objects = existsSync(objectsFile)
    ? fixtureObjectReader(path.dirname(objectsFile), (await readJsonFile(objectsFile, 'objects')) as ObjectSpecs)
    : NO_OBJECTS;
  let deps;
  try {
    deps = await loadDeps(explainEnv(inputs), {
      http: RECORDING_HTTP,
      objects,
      secrets: NO_SECRETS,
      tagSource: fileTagSource(inputs.tags ?? {}),
      sharedStore: NO_STORE,
      failedEvents: undefined,
      lambdaInvoker: { invokeAsync: async () => {} },
      logger: new Logger('warn', inputs.warn),
      decisions: recorder,
    });
  } catch (error) {
    const files = [inputs.envFile, inputs.rulesFile].filter((f) => f !== undefined);
    const from = files.length > 0 ? ` from ${files.join(' and ')}` : '';
    throw new ExplainInputError(`the configuration${from} cannot be used: ${errorMessage(error)}`);
  }
  recorder.redactWith(scrubberFor(deps.config.logs));
  let summary: InvocationSummary | undefined;
  let failure: string | undefined;
  try {
    summary = await forward(trigger, localContext(), deps, recorder.tally);
  } catch (error) {
    failure = errorMessage(error);
  }
  return recorder.report(eventFile, trigger.kind, summary, failure);
}

/**
 * The environment explain runs with: the --env file's, the rule file as FORWARDER_ROUTING_RULES, and an API key
 * of its own instead of any the file names (nothing is sent; no secret store is read).
 */
function explainEnv(inputs: ExplainInputs): Env {
  const env: Record<string, string | undefined> = { ...inputs.env };
  for (const name of Object.keys(env)) {
    if (name.endsWith('_SECRET_ARN') || name.endsWith('_KMS_ENCRYPTED') || API_KEY_VARIABLES.has(name)) {
      delete env[name];
    }
  }
  env.DD_API_KEY = EXPLAIN_API_KEY;
  if (inputs.rulesFile !== undefined) env.FORWARDER_ROUTING_RULES = inputs.rulesFile;
  return env;
}

const API_KEY_VARIABLES = new Set(['DD_API_KEY', 'DD_API_KEY_SSM_NAME', 'DD_KMS_API_KEY']);

/** Reads a JSON file explain was given; an ExplainInputError naming it and the problem otherwise. */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ExplainInputError(`cannot read the ${what} file ${file}: ${errorMessage(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ExplainInputError(`the ${what} file ${file} is not JSON: ${errorMessage(error)}`);
  }
}

/** Every intake request is recorded by the pipeline's own counts and answered as accepted; none is sent. */
const RECORDING_HTTP: HttpClient = { request: async () => ({ status: 202, headers: {}, body: '{}' }) };

const NO_SECRETS: SecretReader = {
  secretString: refuseSecret,
  parameter: refuseSecret,
  decrypt: refuseSecret,
};

async function refuseSecret(): Promise<never> {
  throw new Error('explain reads no secret store: put the value itself in the --env file.');
}

const NO_OBJECTS: ObjectReader = {
  open: async (bucket, key) => {
    throw new ObjectReadError(
      'object_read_failed',
      false,
      `explain reads no S3 object: describe s3://${bucket}/${key} in an objects file beside the event (fixtures/README.md).`,
    );
  },
};

/** Tags from the --tags file, by ARN; every other resource has none. */
function fileTagSource(tags: Readonly<Record<string, readonly string[]>>): TagSource {
  const byKey = new Map(Object.entries(tags).map(([arn, list]) => [tagCacheKey(arn), list]));
  const service = { lambda: ':lambda:', 's3:bucket': ':s3:', states: ':states:' } as const;
  return {
    resourceTags: async (type) => new Map([...byKey].filter(([key]) => key.includes(service[type]))),
    logGroupTags: async (arn) => byKey.get(tagCacheKey(arn)) ?? [],
  };
}

/** A shared tag cache with nothing in it, that lets this process refresh. */
const NO_STORE: SharedStore = {
  get: async () => undefined,
  put: async () => {},
  acquireLock: async () => true,
  releaseLock: async () => {},
};
