// What source detection says about one CloudWatch log group and stream: by default the Datadog Forwarder v5's
// few rules (source-rules.ts); with FORWARDER_DETECT_SOURCES=true the v3 source and host rules
// (cloudwatch-source-rules-v3.ts, cloudwatch-host-rules-v3.ts). enrich/origin.ts turns this into the origin.
import { cloudWatchHostV3, route53Host } from './cloudwatch-host-rules-v3.js';
import { cloudWatchSourceV3 } from './cloudwatch-source-rules-v3.js';
import { cloudWatchSourceV5 } from './source-rules.js';
import type { MessageView } from '../types.js';

interface CloudWatchDetection {
  readonly ddsource: string;
  /** The default service when no tag sets one, when it is not the ddsource. */
  readonly serviceSource?: string;
  /** The host of every log of the group, instead of the log group's name. */
  readonly host?: string;
  /** Tags appended to the group's ddtags. */
  readonly tags?: readonly string[];
  /** A host read from each log's own message, when it names one. */
  readonly hostOf?: (message: MessageView) => string | undefined;
}

interface CloudWatchNames {
  readonly logGroup: string;
  readonly logStream: string;
}

/** `firstMessage` is the message of the payload's first log event; some v3 host rules read it. */
export type DetectCloudWatch = (names: CloudWatchNames, firstMessage?: string) => CloudWatchDetection;

export const detectCloudWatchV5: DetectCloudWatch = ({ logGroup, logStream }) => ({
  ddsource: cloudWatchSourceV5(logGroup, logStream),
});

export const detectCloudWatchV3: DetectCloudWatch = ({ logGroup, logStream }, firstMessage) => {
  const { ddsource, serviceSource } = cloudWatchSourceV3(logGroup, logStream);
  const host = cloudWatchHostV3(ddsource, { logGroup, logStream, firstMessage });
  return {
    ddsource,
    serviceSource: serviceSource === ddsource ? undefined : serviceSource,
    ...host,
    hostOf: ddsource === 'route53' ? route53Host : undefined,
  };
};
