// Code, docs and template.yaml agree on configuration: every variable the code reads is documented in
// docs/configuration.md; every variable template.yaml sets is read by the code (or by the runtime, said below);
// every template parameter reaches a variable the code reads, or configures a resource (said below); and each
// documented "Template parameter" is the one that sets that variable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfigTracked } from '../../../src/config/index.js';
import { findSecretReferences } from '../../../src/secrets/secret-env.js';
import { readSubscriberConfigTracked } from '../../../src/subscriptions/subscriber-config.js';
import { intrinsic, loadTemplate, subVariables, walk, type Json } from '../../helpers/cfn-template.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';
import { RESOURCE_PARAMETERS } from '../../helpers/template-parameters.js';

/**
 * Set by the template, read by the Node.js runtime or a library rather than src/config (none today: stack traces
 * are mapped to src/ by src/stack-traces.ts, not by NODE_OPTIONS=--enable-source-maps).
 */
const RUNTIME_VARIABLES: Record<string, string> = {};

/**
 * Set by the template for a feature whose code has not landed yet (none today). A test below fails while a
 * listed variable is read, so an entry cannot outlive the code that reads it.
 */
const PENDING: Record<string, string> = {};

const template = loadTemplate();
const variablesOf = (resource: string): Record<string, Json> =>
  (template.Resources[resource]!.Properties!['Environment'] as { Variables: Record<string, Json> }).Variables;
const forwarderVariables = variablesOf('Forwarder');
const subscriberVariables = variablesOf('Subscriber');

const forwarderNames = readConfigTracked({ DD_API_KEY: TEST_API_KEY }).names;
const subscriberNames = readSubscriberConfigTracked({
  FORWARDER_SUBSCRIBE_DESTINATION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:f',
}).names;

/** Read by the code: directly, or as a secret reference (`<NAME>_SECRET_ARN`, `<NAME>_KMS_ENCRYPTED`) to a variable it reads. */
function readsVariable(name: string): boolean {
  const target = findSecretReferences({ [name]: 'reference' })[0]?.target;
  return forwarderNames.has(name) || (target !== undefined && forwarderNames.has(target));
}

/** docs/configuration.md's tables: variable → the template parameter column (undefined for —). */
function documented(): Map<string, string | undefined> {
  const text = readFileSync(path.resolve(__dirname, '../../../docs/configuration.md'), 'utf8');
  const rows = new Map<string, string | undefined>();
  for (const match of text.matchAll(/^\|\s*`([A-Za-z][A-Za-z0-9_]*)`\s*\|[^|]*\|\s*(`(\w+)`|—)\s*\|/gm)) {
    rows.set(match[1]!, match[3]);
  }
  return rows;
}

/** The parameters a variable's value refers to. */
function parametersOf(value: Json): string[] {
  const names: string[] = [];
  for (const [, node] of walk(value)) {
    const fn = intrinsic(node);
    if (fn?.[0] === 'Ref') names.push(String(fn[1]));
    if (fn?.[0] === 'Fn::Sub') names.push(...subVariables(String(Array.isArray(fn[1]) ? fn[1][0] : fn[1])));
  }
  return names.filter((n) => n in template.Parameters);
}

describe('configuration agreement', () => {
  const docs = documented();

  it('documents every variable the code reads', () => {
    expect(docs.size).toBeGreaterThan(20);
    expect([...forwarderNames, ...subscriberNames].filter((n) => !docs.has(n))).toEqual([]);
  });

  it('sets on the forwarder only variables the code reads (or the runtime, or a pending branch)', () => {
    const unread = Object.keys(forwarderVariables).filter(
      (n) => !readsVariable(n) && !(n in RUNTIME_VARIABLES) && !(n in PENDING),
    );
    expect(unread).toEqual([]);
    // DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS_SECRET_ARN counts as read because the code reads its target.
    expect(readsVariable('DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS_SECRET_ARN')).toBe(true);
    expect(readsVariable('DD_NOT_A_SETTING_SECRET_ARN')).toBe(false);
  });

  it('lists as pending only variables the code does not read yet', () => {
    expect(Object.keys(PENDING).filter((n) => forwarderNames.has(n))).toEqual([]);
    expect(Object.keys(PENDING).filter((n) => !(n in forwarderVariables))).toEqual([]);
  });

  it('sets on the subscriber only variables its code reads', () => {
    const unread = Object.keys(subscriberVariables).filter((n) => !subscriberNames.has(n) && !(n in RUNTIME_VARIABLES));
    expect(unread).toEqual([]);
  });

  it('has every parameter reach a variable, or configure a resource', () => {
    const reaches = new Map<string, string[]>();
    for (const [variable, value] of Object.entries({ ...forwarderVariables, ...subscriberVariables })) {
      for (const p of parametersOf(value)) reaches.set(p, [...(reaches.get(p) ?? []), variable]);
    }
    const nowhere = Object.keys(template.Parameters).filter((p) => !reaches.has(p) && !(p in RESOURCE_PARAMETERS));
    expect(nowhere).toEqual([]);
    const stale = Object.keys(RESOURCE_PARAMETERS).filter((p) => !(p in template.Parameters));
    expect(stale).toEqual([]);
    // DdSite, for one, must reach DD_SITE, which the code reads.
    expect(reaches.get('DdSite')).toEqual(['DD_SITE']);
  });

  it('names, for each documented variable, the parameter that actually sets it', () => {
    const wrong: string[] = [];
    for (const [variable, parameter] of docs) {
      if (parameter === undefined || variable === 'DD_API_KEY') continue; // DdApiKey goes through a secret.
      const value = forwarderVariables[variable] ?? subscriberVariables[variable];
      if (value === undefined || !parametersOf(value).includes(parameter)) wrong.push(`${variable} ← ${parameter}`);
    }
    expect(wrong).toEqual([]);
  });
});
