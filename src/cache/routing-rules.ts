// The routing rules in force (docs/routing.md): read from a file of the deployment package, a path, or an S3 object
// (FORWARDER_ROUTING_RULES) when the container starts, and again once their TTL has passed
// (FORWARDER_ROUTING_RULES_TTL_SECONDS). A bad file at start is a ConfigError listing every problem. A bad update
// never stops forwarding: the rules in hand stay in force, the bad version is logged once (by its digest) and every
// rejection is counted in the summary (`routing_rules_rejected`, `routing_rules_unreadable`).
import { readFile } from 'node:fs/promises';
import { cappedText } from '../aws/capped-body.js';
import type { Clock } from '../clock.js';
import type { RoutingConfig, RulesLocation } from '../config/index.js';
import { within } from '../deadline.js';
import { ConfigError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { loadRe2 } from '../regex/re2-loader.js';
import type { ObjectReader } from '../sources/object-reader.js';
import type { Tally } from '../tally.js';
import { compileRuleFile, isYamlLocation, ruleFileDigest, type CompileResult } from '../routing/rule-file.js';
import type { RuleSet } from '../routing/rules.js';
import { loadYamlParser } from '../routing/yaml-parser.js';

/** A rule file is a few KB; a much larger object is not one. */
const MAX_RULE_FILE_BYTES = 1024 * 1024;
/** The longest an invocation waits for a re-read by default: past it, it goes on with the rules in hand. */
const MAX_RELOAD_WAIT_MS = 2000;

export interface RuleLoaderOptions {
  readonly objects: ObjectReader;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The longest an invocation waits for a re-read (default 2 s; never more than a quarter of its time left). */
  readonly maxWaitMs?: number;
}

/** Reads the rules at `config.rulesLocation` (which must be set); throws a ConfigError when they are bad. */
export async function loadRoutingRules(config: RoutingConfig, options: RuleLoaderOptions): Promise<RoutingRules> {
  const location = config.rulesLocation!;
  const rules = new RoutingRules(location, config.rulesTtlSeconds, options);
  await rules.start();
  return rules;
}

export class RoutingRules {
  private rules: RuleSet | undefined;
  private nextReadMs = 0;
  private reading: Promise<void> | undefined;
  /** Versions refused or warned about already: each is logged once. */
  private readonly refused = new Set<string>();
  /** Outcomes of re-reads not yet counted in an invocation's summary. */
  private pending: Record<string, number> = {};

  constructor(
    private readonly location: RulesLocation,
    private readonly ttlSeconds: number,
    private readonly options: RuleLoaderOptions,
  ) {}

  async start(): Promise<void> {
    const text = await this.read().catch((error: unknown) => {
      // A missing file, object or permission is the operator's to fix; a transient S3 error is tried again on the
      // next invocation (deps.ts does not keep a failed start).
      if (this.location.kind === 's3' && (error as { retryable?: boolean }).retryable !== false) throw error;
      const fix =
        this.location.kind === 's3'
          ? 'check that the object exists and that the function may read it (s3:GetObject)'
          : 'check the path: a relative one is read from the package root (npm run package -- --rules FILE ships it)';
      const problem = `FORWARDER_ROUTING_RULES (${this.location.text}) could not be read: ${errorMessage(error)}; ${fix}.`;
      throw new ConfigError([problem]);
    });
    const result = await this.compile(text);
    if (!result.ok) {
      throw new ConfigError(result.problems.map((p) => `FORWARDER_ROUTING_RULES (${this.location.text}): ${p}`));
    }
    this.accept(result.rules);
  }

  /**
   * The rules for an invocation with `remainingMs` left: read again first when their TTL has passed, waiting for
   * that at most a bounded share of the time left (the read goes on, and the next invocation gets its result).
   */
  async current(remainingMs: number, tally?: Tally): Promise<RuleSet> {
    if (this.ttlSeconds > 0 && this.options.clock.now() >= this.nextReadMs) {
      this.reading ??= this.reread().finally(() => (this.reading = undefined));
      await within(this.reading, Math.min(this.options.maxWaitMs ?? MAX_RELOAD_WAIT_MS, Math.floor(remainingMs / 4)));
    }
    for (const [name, n] of Object.entries(this.pending)) tally?.count(name, n);
    this.pending = {};
    return this.rules!;
  }

  private async reread(): Promise<void> {
    const { logger } = this.options;
    const where = this.location.text;
    let text: string;
    try {
      text = await this.read();
    } catch (error) {
      this.count('routing_rules_unreadable');
      logger.warn('The routing rules could not be read again; the rules in hand stay in force.', {
        location: where,
        error: errorMessage(error),
      });
      return this.retryLater();
    }
    const result = await this.compile(text);
    if (result.ok && result.rules.version === this.rules?.version) return this.retryLater();
    if (result.ok) {
      this.accept(result.rules);
      this.count('routing_rules_updated');
      logger.info('Routing rules updated.', { location: where, version: result.rules.version });
      return;
    }
    this.count('routing_rules_rejected');
    const version = ruleFileDigest(text);
    if (!this.refused.has(version)) {
      this.refused.add(version);
      logger.warn('The routing rules were changed into an invalid file, which is not used: fix it.', {
        location: where,
        problems: result.problems,
      });
    }
    this.retryLater();
  }

  private accept(rules: RuleSet): void {
    this.rules = rules;
    this.retryLater();
  }

  private retryLater(): void {
    this.nextReadMs = this.options.clock.now() + this.ttlSeconds * 1000;
  }

  private count(name: string): void {
    this.pending[name] = (this.pending[name] ?? 0) + 1;
  }

  private async compile(text: string): Promise<CompileResult> {
    const where = this.location.text;
    const parseYaml = isYamlLocation(where) ? await loadYamlParser() : undefined;
    const result = compileRuleFile(text, where, { parseYaml });
    if (result.ok && result.rules.needsRe2) await loadRe2();
    return result;
  }

  private async read(): Promise<string> {
    const { location } = this;
    if (location.kind === 'file') return readFile(location.path, 'utf8');
    const { body } = await this.options.objects.open(location.bucket, location.key);
    return cappedText(body, MAX_RULE_FILE_BYTES, location.text);
  }
}
