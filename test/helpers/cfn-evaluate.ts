// Evaluates template.yaml for given parameter values the way CloudFormation would resolve it: conditions,
// Fn::If, Ref, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap and Fn::GetAtt, with made-up but
// well-formed values for the pseudo parameters and for the resources' physical ids. So tests can read the
// environment a stack would give the function, and which resources it would create.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { intrinsic, type Json, type Template } from './cfn-template.js';

export const STACK = { region: 'us-east-1', accountId: '123456789012', stackName: 'datadog-forwarder' };

const NO_VALUE = Symbol('AWS::NoValue');
type Value = Json | typeof NO_VALUE;

export interface EvaluatedStack {
  /** Whether the condition holds. */
  condition(name: string): boolean;
  /** Whether the resource is created. */
  exists(resource: string): boolean;
  /** A resource's properties, resolved (properties set to AWS::NoValue are left out). */
  properties(resource: string): Record<string, Json>;
  /** The forwarder's environment variables, as Lambda would set them. */
  environment(resource?: string): Record<string, string>;
}

/** What Ref gives for a resource: a well-formed physical id of its type. */
function physicalId(name: string, type: string): string {
  const { region, accountId, stackName } = STACK;
  switch (type) {
    case 'AWS::SecretsManager::Secret':
      return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-AbCdEf`;
    case 'AWS::S3::Bucket':
      return `${stackName}-${name}-1a2b3c4d5e6f`.toLowerCase();
    case 'AWS::SQS::Queue':
      return `https://sqs.${region}.amazonaws.com/${accountId}/${stackName}-${name}-1A2B3C`;
    case 'AWS::Logs::LogGroup':
      return `/aws/lambda/${stackName}-${name}`;
    default:
      return `${stackName}-${name}-1A2B3C4D`;
  }
}

export function evaluateStack(template: Template, given: Record<string, string> = {}): EvaluatedStack {
  const parameters: Record<string, Json> = {};
  for (const [name, p] of Object.entries(template.Parameters)) {
    const raw = name in given ? given[name]! : p.Default === undefined ? '' : String(p.Default);
    parameters[name] = p.Type === 'CommaDelimitedList' ? raw.split(',').map((s) => s.trim()) : raw;
  }
  const pseudo: Record<string, Value> = {
    'AWS::Partition': 'aws',
    'AWS::Region': STACK.region,
    'AWS::AccountId': STACK.accountId,
    'AWS::StackName': STACK.stackName,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': NO_VALUE,
  };
  const conditions = new Map<string, boolean>();
  const condition = (name: string): boolean => {
    if (!conditions.has(name)) {
      const definition = template.Conditions[name];
      if (definition === undefined) throw new Error(`no condition ${name}`);
      conditions.set(name, Boolean(resolve(definition)));
    }
    return conditions.get(name)!;
  };
  const ref = (name: string): Value => {
    if (name in pseudo) return pseudo[name]!;
    if (name in parameters) return parameters[name]!;
    const resource = template.Resources[name];
    if (resource) return physicalId(name, resource.Type);
    throw new Error(`Ref to unknown ${name}`);
  };
  const sub = (text: string, locals: Record<string, Value>): string =>
    text.replace(/\$\{([^!}][^}]*)\}/g, (_, variable: string) => {
      const name = variable.trim();
      if (name in locals) return String(locals[name]);
      if (name.includes('.')) return `arn:aws:${name}`;
      return String(ref(name));
    });

  function resolve(value: Json): Value {
    const fn = intrinsic(value);
    if (fn) {
      const [name, args] = fn;
      const list = Array.isArray(args) ? args : [];
      switch (name) {
        case 'Ref':
          return ref(String(args));
        case 'Condition':
          return condition(String(args));
        case 'Fn::If':
          return condition(String(list[0])) ? resolve(list[1]!) : resolve(list[2]!);
        case 'Fn::Equals':
          return JSON.stringify(resolve(list[0]!)) === JSON.stringify(resolve(list[1]!));
        case 'Fn::Not':
          return !resolve(list[0]!);
        case 'Fn::And':
          return list.every((c) => Boolean(resolve(c)));
        case 'Fn::Or':
          return list.some((c) => Boolean(resolve(c)));
        case 'Fn::Join':
          return (resolve(list[1]!) as Json[]).map(String).join(String(list[0]));
        case 'Fn::Split':
          return String(resolve(list[1]!)).split(String(list[0]));
        case 'Fn::Select':
          return (resolve(list[1]!) as Json[])[Number(resolve(list[0]!))] ?? '';
        case 'Fn::FindInMap':
          return template.Mappings[String(list[0])]![String(list[1])]![String(list[2])]!;
        case 'Fn::GetAtt':
          return `arn:aws:${String(list[0])}.${String(list[1])}`;
        case 'Fn::Sub': {
          if (typeof args === 'string') return sub(args, {});
          const locals: Record<string, Value> = {};
          for (const [k, v] of Object.entries((list[1] ?? {}) as Record<string, Json>)) locals[k] = resolve(v);
          return sub(String(list[0]), locals);
        }
        default:
          throw new Error(`cannot evaluate ${name}`);
      }
    }
    if (Array.isArray(value)) return value.map(resolve).filter((v): v is Json => v !== NO_VALUE);
    if (value && typeof value === 'object') {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value)) {
        const resolved = resolve(v);
        if (resolved !== NO_VALUE) out[k] = resolved;
      }
      return out;
    }
    return value;
  }

  const exists = (resource: string): boolean => {
    const r = template.Resources[resource];
    if (!r) throw new Error(`no resource ${resource}`);
    return r.Condition === undefined || condition(r.Condition);
  };
  const properties = (resource: string): Record<string, Json> => {
    if (!exists(resource)) throw new Error(`${resource} is not created with these parameters`);
    return resolve(template.Resources[resource]!.Properties ?? {}) as Record<string, Json>;
  };
  return {
    condition,
    exists,
    properties,
    environment(resource = 'Forwarder') {
      const variables = (properties(resource)['Environment'] as { Variables: Record<string, Json> }).Variables;
      return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)]));
    },
  };
}
