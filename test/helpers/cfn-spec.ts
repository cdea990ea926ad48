// Checks a template's resources against the CloudFormation resource specification as shipped in
// @aws-cdk/aws-service-spec (the registry schemas of every resource type, the same data the CDK generates its
// L1 constructs from): the type exists, every property is known and has the right shape, required properties are
// present, allowed values are respected, and Fn::GetAtt names a real attribute. Values computed by intrinsic
// functions cannot be checked statically, except Fn::If, whose branches are checked in turn.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-type-schemas.html
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { PropertyType, Resource, SpecDatabase } from '@aws-cdk/service-spec-types';
import { intrinsic, type Json } from './cfn-template.js';

let cached: SpecDatabase | undefined;
export function specDatabase(): SpecDatabase {
  return (cached ??= loadAwsServiceSpecSync());
}

export function resourceSpec(type: string): Resource | undefined {
  return specDatabase().lookup('resource', 'cloudFormationType', 'equals', type)[0];
}

/** Problems with one resource's Properties, each naming the path; empty when it conforms. */
export function checkResourceProperties(type: string, properties: Record<string, Json> = {}): string[] {
  const spec = resourceSpec(type);
  if (!spec) return [`${type} is not a CloudFormation resource type`];
  const problems: string[] = [];
  checkObject(spec.properties, properties, type, problems);
  return problems;
}

type Properties = Resource['properties'];

function checkObject(spec: Properties, value: Record<string, Json>, at: string, problems: string[]): void {
  for (const [name, property] of Object.entries(spec)) {
    if (property.required && !(name in value)) problems.push(`${at}: required property ${name} is missing`);
  }
  for (const [name, child] of Object.entries(value)) {
    const property = spec[name];
    if (!property) problems.push(`${at}: unknown property ${name}`);
    else checkValue(property.type, child, `${at}.${name}`, problems);
  }
}

function checkValue(type: PropertyType, value: Json, at: string, problems: string[]): void {
  const fn = intrinsic(value);
  if (fn) {
    if (fn[0] === 'Fn::If' && Array.isArray(fn[1])) {
      for (const branch of fn[1].slice(1)) checkValue(type, branch, at, problems);
    }
    return; // Ref, GetAtt, Sub, Join... are resolved at deploy time; AWS::NoValue removes the property.
  }
  switch (type.type) {
    case 'string':
    case 'date-time':
      if (!['string', 'number', 'boolean'].includes(typeof value)) problems.push(`${at}: expected a string`);
      else if ('allowedValues' in type && type.allowedValues && !type.allowedValues.includes(String(value))) {
        problems.push(`${at}: ${String(value)} is not one of ${type.allowedValues.join(', ')}`);
      }
      return;
    case 'number':
    case 'integer':
      if (!Number.isFinite(Number(value)) || typeof value === 'boolean' || value === '') {
        problems.push(`${at}: expected a number`);
      }
      return;
    case 'boolean':
      if (value !== true && value !== false && value !== 'true' && value !== 'false') {
        problems.push(`${at}: expected a boolean`);
      }
      return;
    case 'json':
    case 'null':
      return;
    case 'tag':
      return checkRecord(value, at, problems, (v) => checkObject(TAG_PROPERTIES, v, at, problems));
    case 'ref': {
      const definition = specDatabase().get('typeDefinition', type.reference);
      return checkRecord(value, at, problems, (v) => checkObject(definition.properties, v, at, problems));
    }
    case 'array':
      if (!Array.isArray(value)) return void problems.push(`${at}: expected a list`);
      return value.forEach((item, i) => checkValue(type.element, item, `${at}[${i}]`, problems));
    case 'map':
      return checkRecord(value, at, problems, (v) =>
        Object.entries(v).forEach(([k, item]) => checkValue(type.element, item, `${at}.${k}`, problems)),
      );
    case 'union': {
      const attempts = type.types.map((t) => {
        const found: string[] = [];
        checkValue(t, value, at, found);
        return found;
      });
      if (!attempts.some((a) => a.length === 0)) problems.push(...attempts[0]!);
      return;
    }
  }
}

const TAG_PROPERTIES: Properties = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
} as Properties;

function checkRecord(value: Json, at: string, problems: string[], check: (value: Record<string, Json>) => void): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) problems.push(`${at}: expected an object`);
  else check(value);
}

/** Whether `attribute` is one Fn::GetAtt may read from a resource of this type. */
export function hasAttribute(type: string, attribute: string): boolean {
  const spec = resourceSpec(type);
  return spec !== undefined && attribute in spec.attributes;
}
