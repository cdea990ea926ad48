// The estimated cost of one invocation, in US dollars: the request price plus the compute price per GB-second
// of billed duration, as AWS prices Lambda (https://aws.amazon.com/lambda/pricing/, us-east-1 on-demand, first
// tier). The Datadog Forwarder applies the x86_64 price to every function (datadog-serverless-functions
// aws/logs_monitoring/enhanced_lambda_metrics.py, 5.4.11); here arm64 functions
// get the arm64 price, which is about 20% lower.

export type Architecture = 'x86_64' | 'arm64';

const REQUEST_PRICE_USD = 0.0000002;
const GB_SECOND_PRICE_USD: Readonly<Record<Architecture, number>> = {
  x86_64: 0.0000166667,
  arm64: 0.0000133334,
};

export function estimatedCostUsd(billedDurationMs: number, memorySizeMb: number, architecture: Architecture): number {
  // Same order of operations as the Datadog Forwarder, so x86_64 values are equal to the last bit.
  return REQUEST_PRICE_USD + (billedDurationMs / 1000) * (memorySizeMb / 1024) * GB_SECOND_PRICE_USD[architecture];
}
