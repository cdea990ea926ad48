// What subscribe, unsubscribe and account-policy share: the options naming the forwarder and how AWS is reached,
// the AWS clients, the forwarder's own log group (never to be subscribed: it would forward its own logs
// forever), and the confirmation asked before changing a whole region.
// The own group is read from the function's configuration (LoggingConfig.LogGroup): the template names it
// `/aws/lambda/<stack>-Forwarder` by default while the function is `<stack>-Forwarder-<random>`, so the ARN alone
// does not tell it.
// https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html
// https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { UsageError, type Io } from './args.js';
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from './aws-options.js';
import { buildAwsClients, explainAwsError, type AwsCliClients } from './aws.js';

type Env = Readonly<Record<string, string | undefined>>;
type Values = Readonly<Record<string, string | boolean | string[] | undefined>>;

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:function:([A-Za-z0-9_-]+)(:[A-Za-z0-9$_-]+)?$/;

export interface ForwarderTarget {
  readonly arn: string;
  readonly region: string;
  readonly clients: AwsCliClients;
  /** Log groups never touched: the forwarder's own and those given with --exclude. */
  readonly excluded: readonly string[];
  readonly requestTimeoutMs: number;
}

/** Checks the options, builds the clients and finds the forwarder's own log group (reported on stderr). */
export async function openForwarderTarget(values: Values, env: Env, io: Io): Promise<ForwarderTarget> {
  const arn = String(values['forwarder-arn'] ?? '');
  const match = FUNCTION_ARN.exec(arn);
  if (!match) {
    throw new UsageError(
      `--forwarder-arn must be the forwarder function's ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME), got '${arn}'.`,
    );
  }
  const arnRegion = match[1]!;
  const region = (values.region as string | undefined) ?? arnRegion;
  if (region !== arnRegion) {
    throw new UsageError(
      `--region ${region} differs from the forwarder's region ${arnRegion}: subscriptions live in the function's region.`,
    );
  }
  const requestTimeoutMs = Number(values['request-timeout-seconds'] ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
  const clients = buildAwsClients(env, {
    region,
    logsEndpoint: values['endpoint-url'] as string | undefined,
    requestTimeoutMs,
    progress: io.err,
  });
  try {
    const own = await ownLogGroup(arn, clients, values, io, requestTimeoutMs);
    const given = values['forwarder-log-group'] as string | undefined;
    const excluded = [
      ...new Set([own, `/aws/lambda/${match[2]}`, ...(given ? [given] : []), ...((values.exclude as string[]) ?? [])]),
    ];
    return { arn, region, clients, excluded, requestTimeoutMs };
  } catch (error) {
    clients.destroy();
    throw error;
  }
}

async function ownLogGroup(
  arn: string,
  clients: AwsCliClients,
  values: Values,
  io: Io,
  timeoutMs: number,
): Promise<string> {
  const given = values['forwarder-log-group'] as string | undefined;
  try {
    const config = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn }));
    const group = config.LoggingConfig?.LogGroup ?? `/aws/lambda/${config.FunctionName}`;
    io.err(`The forwarder logs to ${group}: that log group is never subscribed.`);
    return group;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'ResourceNotFoundException') {
      throw new Error(`no function ${arn}: check --forwarder-arn (the stack output DatadogForwarderArn).`);
    }
    const why = explainAwsError(error, "reading the forwarder's configuration", clients.endpoints.lambda, timeoutMs);
    if (given !== undefined && /AccessDenied/.test(name ?? '')) {
      io.err(`${why} Using --forwarder-log-group ${given} as the forwarder's own log group.`);
      return given;
    }
    throw new Error(
      /AccessDenied/.test(name ?? '')
        ? `${why} The forwarder's own log group is read from its configuration (lambda:GetFunctionConfiguration); ` +
            'without that permission, name it with --forwarder-log-group.'
        : why,
    );
  }
}

/**
 * Before a change to every log group of a region: true to go on. Asks on the terminal unless --yes; without a
 * terminal to ask on, refuses (a UsageError) unless --yes.
 */
export async function confirmWholeRegion(io: Io, yes: boolean, what: string): Promise<boolean> {
  if (yes) return true;
  if (!io.confirm) {
    throw new UsageError(`${what}, and there is no terminal to confirm on: add --yes to confirm.`);
  }
  const ok = await io.confirm(`${what}. Continue?`);
  if (!ok) io.err('Nothing was changed.');
  return ok;
}
