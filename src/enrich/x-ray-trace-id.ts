// X-Ray trace ids (`1-<8 hex: epoch seconds>-<24 hex: random>`,
// https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids) as Datadog trace
// ids, the way Datadog's Lambda libraries convert them when they continue an X-Ray trace (datadog-lambda-js
// `convertToAPMTraceID`, datadog-lambda-python `_convert_xray_trace_id`): the last 63 bits of the 24-hex-digit
// part, in decimal. So `1-5e61292c-cc1229a4dfbeae1043928548` is 0x5fbeae1043928548 = 6899143064054564168, the
// trace id the function's spans and `dd.trace_id` carry.

const XRAY_TRACE_ID = /^1-[0-9a-f]{8}-([0-9a-f]{24})$/i;
const LOW_63_BITS = (1n << 63n) - 1n;

export function datadogTraceIdFromXray(xrayTraceId: string): string | undefined {
  const random = XRAY_TRACE_ID.exec(xrayTraceId)?.[1];
  if (random === undefined) return undefined;
  return (BigInt(`0x${random}`) & LOW_63_BITS).toString();
}
