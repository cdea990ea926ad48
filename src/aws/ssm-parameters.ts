// SSM GetParameter (WithDecryption) over the AWS SDK v3 client: its own module, so that reading a parameter loads
// this client alone (see secrets-manager.ts).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { InvocationDeadline } from '../deadline.js';
import { boundedBy, secretStoreConfig, type AwsClientSettings } from './client-config.js';

export function parameterReader(
  settings: AwsClientSettings | undefined,
  deadline: InvocationDeadline,
): (name: string) => Promise<string> {
  const client = boundedBy(new SSMClient(secretStoreConfig(settings)), deadline, 'send');
  return async (name) => {
    const output = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = output.Parameter?.Value;
    if (value === undefined) throw new Error(`the parameter ${name} has no value`);
    return value;
  };
}
