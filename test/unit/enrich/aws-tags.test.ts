import { awsTagToDatadog, awsTagsToDatadog, sanitizeAwsTagString, tagCacheKey } from '../../../src/enrich/aws-tags.js';

// `sanitize_aws_tag_string` of datadog-serverless-functions aws/logs_monitoring/caching/common.py, 5.4.11.
describe('awsTagToDatadog (sanitize_aws_tag_string)', () => {
  it.each([
    [{ Key: 'TAG1', Value: 'Tag Value' }, 'tag1:tag_value'],
    [{ Key: 'STAGE', Value: 'dev' }, 'stage:dev'],
    [
      { Key: 'aws:cloudformation:stack-name', Value: 'integration-tests-dev' },
      'aws_cloudformation_stack-name:integration-tests-dev',
    ],
    [
      { Key: 'aws:cloudformation:stack-id', Value: 'arn:aws:cloudformation:us-east-1:601427279990:stack/x/y' },
      'aws_cloudformation_stack-id:arn:aws:cloudformation:us-east-1:601427279990:stack/x/y',
    ],
    [{ Key: 'team', Value: '' }, 'team'],
    [{ Key: 'Owner Name!!', Value: 'a  b__c??' }, 'owner_name:a_b_c'],
    [{ Key: 'env', Value: 'Prod/EU.1-a' }, 'env:prod/eu.1-a'],
    [{ Key: 'équipe', Value: 'café' }, 'équipe:café'],
    [{ Key: 'version', Value: '1.2.3' }, 'version:1.2.3'],
  ])('%j becomes %s', (tag, expected) => {
    expect(awsTagToDatadog(tag)).toBe(expected);
  });

  it('cuts a tag to 200 characters unless asked not to (log group tags)', () => {
    const tag = { Key: 'k', Value: 'v'.repeat(300) };
    expect(awsTagToDatadog(tag)).toHaveLength(200);
    expect(awsTagToDatadog(tag, { truncate: false })).toHaveLength(302);
  });

  it('skips tags without a key', () => {
    expect(awsTagsToDatadog([{ Value: 'x' }, { Key: '', Value: 'y' }, { Key: 'a', Value: 'b' }])).toEqual(['a:b']);
  });

  it('leaves empty text as it is and keeps leading digits', () => {
    expect(sanitizeAwsTagString('', { removeColons: true })).toBe('');
    expect(sanitizeAwsTagString('1st:place_', { removeColons: false })).toBe('1st:place');
  });
});

describe('tagCacheKey', () => {
  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:My-Fn', 'arn:aws:lambda:us-east-1:123456789012:function:my-fn'],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-fn:7', 'arn:aws:lambda:us-east-1:123456789012:function:my-fn'],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:my-fn:live',
      'arn:aws:lambda:us-east-1:123456789012:function:my-fn',
    ],
    ['arn:aws:s3:::My-Bucket', 'arn:aws:s3:::my-bucket'],
    ['arn:aws:states:us-east-1:123456789012:stateMachine:M', 'arn:aws:states:us-east-1:123456789012:statemachine:m'],
  ])('%s is keyed as %s (versions and aliases resolve to the function)', (arn, key) => {
    expect(tagCacheKey(arn)).toBe(key);
  });
});
