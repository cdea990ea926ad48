// SSM GetParameter (WithDecryption) over the AWS SDK v3 client: its own module, so that reading a parameter loads
// this client alone (see secrets-manager.ts).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { secretStoreConfig, type AwsClientSettings } from './client-config.js';

export function parameterReader(settings: AwsClientSettings | undefined): (name: string) => Promise<string> {
  const client = new SSMClient(secretStoreConfig(settings));
  return async (name) => {
    const output = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = output.Parameter?.Value;
    if (value === undefined) throw new Error(`the parameter ${name} has no value`);
    return value;
  };
}
