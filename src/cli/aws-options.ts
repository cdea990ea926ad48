// The options of the commands that change CloudWatch Logs for a forwarder (subscribe, unsubscribe,
// account-policy): which forwarder, how AWS is reached, and the safety switches. Kept apart from the code that
// loads the AWS SDK, so that --help, --version and usage errors answer without loading it.
import type { OptionTable } from './args.js';

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

export const FORWARDER_OPTIONS: OptionTable = {
  'forwarder-arn': {
    type: 'string',
    placeholder: 'ARN',
    help: "the forwarder function's ARN (the stack output DatadogForwarderArn); required",
  },
  exclude: {
    type: 'string',
    multiple: true,
    placeholder: 'NAME',
    help: "never touch this log group (repeatable; the forwarder's own is always excluded)",
  },
  'forwarder-log-group': {
    type: 'string',
    placeholder: 'NAME',
    help: "the forwarder's own log group, when lambda:GetFunctionConfiguration is not allowed to read it",
  },
  apply: { type: 'boolean', help: 'make the changes (without it, only say what would change)' },
  yes: { type: 'boolean', short: 'y', help: 'do not ask before changing every log group of the region' },
  region: { type: 'string', placeholder: 'REGION', help: "AWS region (default: the forwarder ARN's region)" },
  'endpoint-url': {
    type: 'string',
    placeholder: 'URL',
    help: 'CloudWatch Logs endpoint (default: AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, else AWS)',
  },
  'request-timeout-seconds': {
    type: 'string',
    value: 'positive',
    help: `limit of each AWS request (default ${DEFAULT_REQUEST_TIMEOUT_SECONDS}; a call and its retries get 3 times as long)`,
  },
};
