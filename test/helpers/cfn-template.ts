// Loads template.yaml the way CloudFormation reads it: the short-form intrinsic function tags (!Ref, !GetAtt,
// !Sub, !If, ...) become their long forms ({ Ref }, { 'Fn::GetAtt': [resource, attribute] }, ...), so tests can
// walk one plain object. Also: walking helpers to find every intrinsic use.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type ScalarTag, type CollectionTag } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Template {
  Parameters: Record<string, { Type: string; Default?: Json; AllowedValues?: Json[] } & Record<string, Json>>;
  Conditions: Record<string, Json>;
  Mappings: Record<string, Record<string, Record<string, Json>>>;
  Resources: Record<
    string,
    { Type: string; Condition?: string; DependsOn?: string | string[]; Properties?: Record<string, Json> } & Record<
      string,
      Json
    >
  >;
  Outputs: Record<string, { Value: Json; Condition?: string } & Record<string, Json>>;
  Rules?: Record<string, Json>;
}

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
];

function intrinsicTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = [];
  const add = (tag: string, key: string, convert: (value: unknown) => unknown = (v) => v) => {
    for (const nodeClass of ['scalar', 'seq', 'map'] as const) {
      tags.push({
        tag: `!${tag}`,
        collection: nodeClass === 'scalar' ? undefined : nodeClass,
        resolve: (value: unknown) => ({
          [key]: convert(nodeClass === 'scalar' ? value : (value as { toJSON(): unknown }).toJSON()),
        }),
      } as ScalarTag | CollectionTag);
    }
  };
  add('Ref', 'Ref');
  add('Condition', 'Condition');
  add('GetAtt', 'Fn::GetAtt', (v) =>
    typeof v === 'string' ? [v.slice(0, v.indexOf('.')), v.slice(v.indexOf('.') + 1)] : v,
  );
  for (const fn of FUNCTIONS) add(fn, `Fn::${fn}`);
  return tags;
}

export const TEMPLATE_PATH = path.resolve(__dirname, '../../template.yaml');

export function loadTemplate(file = TEMPLATE_PATH): Template {
  return parse(readFileSync(file, 'utf8'), { customTags: intrinsicTags(), schema: 'yaml-1.1' }) as Template;
}

/** Every node of a JSON value, with its path (keys joined by '.'). */
export function* walk(value: Json, at = ''): Generator<[string, Json]> {
  yield [at, value];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* walk(v, `${at}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* walk(v, at ? `${at}.${k}` : k);
}

/** The single-key object form of an intrinsic function, if `value` is one: ['Ref', 'X'], ['Fn::If', [...]]. */
export function intrinsic(value: Json): [string, Json] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? [key, value[key]!] : undefined;
}

/** Variable names used in a Fn::Sub string: ${Name} and ${Resource.Attribute}, not ${!Literal}. */
export function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => m[1]!.trim());
}
