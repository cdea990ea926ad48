import {
  functionNameFromLogStream,
  lambdaFunctionName,
  lambdaTagsFromArn,
} from '../../../src/parse/lambda-function.js';

describe('functionNameFromLogStream', () => {
  // The cases of the Datadog Forwarder's datadog-serverless-functions
  // aws/logs_monitoring/tests/test_customized_log_group.py, 5.4.11.
  it.each([
    ['a default Lambda stream', '2023/11/04/[$LATEST]4426346c2cdf4c54a74d3bd2b929fc44', undefined],
    [
      'a customised stream, $LATEST',
      '2023/11/06/test-customized-log-group1[$LATEST]13e304cba4b9446eb7ef082a00038990',
      'test-customized-log-group1',
    ],
    [
      'a customised stream, a version',
      '2023/11/06/test-customized-log-group1[version2023_11]13e304cba4b9446eb7ef082a00038990',
      'test-customized-log-group1',
    ],
    ['a Step Functions stream', 'states/rc-auto-statemachine-staging/2023-11-14-20-05/507c6089', undefined],
    ['an id that is not 32 hex digits', '2023/11/06/fn[$LATEST]13e304cba4b9446eb7ef082a0003899', undefined],
    ['upper-case hex', '2023/11/06/fn[$LATEST]13E304CBA4B9446EB7EF082A00038990', undefined],
    ['text after the id', '2023/11/06/fn[$LATEST]13e304cba4b9446eb7ef082a00038990x', undefined],
  ])('%s', (_why, stream, name) => {
    expect(functionNameFromLogStream(stream)).toBe(name);
  });
});

describe('lambdaFunctionName', () => {
  it.each([
    ['/aws/lambda/postRestAPI', 'stream', 'postrestapi'],
    ['/aws/lambda/', 'stream', undefined],
    ['/custom/lambda/My-Fn', 'stream', 'my-fn'],
    ['testLogGroup', 'stream', undefined],
    // The stream wins over the log group (3.99 test_parsing, 5.x test_awslogs_handler).
    ['/aws/lambda/other', '2023/11/06/Named-Fn[$LATEST]13e304cba4b9446eb7ef082a00038990', 'named-fn'],
  ])('%j with stream %j → %j', (logGroup, logStream, name) => {
    expect(lambdaFunctionName(logGroup, logStream)).toBe(name);
  });
});

describe('lambdaTagsFromArn', () => {
  it.each([
    [
      'arn:aws:lambda:sa-east-1:601427279990:function:hello',
      ['region:sa-east-1', 'aws_account:601427279990', 'functionname:hello'],
    ],
    ['arn:aws:lambda:us-east-1:1:function:fn:alias', ['region:us-east-1', 'aws_account:1', 'functionname:fn']],
    ['not-an-arn', []],
  ])('%s', (arn, tags) => {
    expect(lambdaTagsFromArn(arn)).toEqual(tags);
  });
});
