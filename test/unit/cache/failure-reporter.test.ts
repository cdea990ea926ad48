import { classifyAwsFailure, FailureReporter } from '../../../src/cache/failure-reporter.js';
import { Logger } from '../../../src/log.js';

function awsError(name: string, status?: number): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

describe('classifyAwsFailure', () => {
  it.each([
    [awsError('AccessDeniedException', 400), 'denied'],
    [awsError('AccessDenied', 403), 'denied'],
    [awsError('SomethingElse', 403), 'denied'],
    [awsError('ThrottlingException', 400), 'throttled'],
    [awsError('TooManyRequestsException'), 'throttled'],
    [awsError('SlowDown', 503), 'throttled'],
    [awsError('Unknown', 429), 'throttled'],
    [awsError('InternalFailure', 500), 'failed'],
    [new Error('socket hang up'), 'failed'],
    ['not an error', 'failed'],
  ])('%s is %s', (error, kind) => {
    expect(classifyAwsFailure(error)).toBe(kind);
  });
});

describe('FailureReporter', () => {
  it('tells each missing permission once, as an error, and every throttle as a warning', () => {
    const lines: { level: string; message: string; permission: string }[] = [];
    const reporter = new FailureReporter(new Logger('debug', (l) => lines.push(JSON.parse(l))));
    reporter.report('lambda tags', 'tag:GetResources', awsError('AccessDeniedException', 400));
    reporter.report('lambda tags', 'tag:GetResources', awsError('AccessDeniedException', 400));
    reporter.report('log group tags', 'logs:ListTagsForResource', awsError('AccessDeniedException', 400));
    reporter.report('lambda tags', 'tag:GetResources', awsError('ThrottlingException', 400));
    expect(lines.map((l) => [l.level, l.permission])).toEqual([
      ['error', 'tag:GetResources'],
      ['error', 'logs:ListTagsForResource'],
      ['warn', 'tag:GetResources'],
    ]);
    expect(lines[1]!.message).toContain("add the logs:ListTagsForResource permission to the forwarder's IAM role");
    expect(reporter.counts).toEqual({ denied: 3, throttled: 1, failed: 0 });
  });
});
