import { readConfig } from '../../../src/config/index.js';
import { toSeriesJson } from '../../../src/signals/metrics/metric-point.js';
import { metricsEndpoint } from '../../../src/sinks/metrics-intake.js';
import { RequestBody } from '../../../src/sinks/request-body.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

describe('metricsEndpoint', () => {
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, DD_SITE: 'datadoghq.eu', DD_USE_COMPRESSION: 'false' });
  const endpoint = metricsEndpoint(config, TEST_API_KEY);

  it('posts deflated JSON to the distribution points API of the site, whatever DD_USE_COMPRESSION says', () => {
    expect(endpoint.url).toBe('https://api.datadoghq.eu/api/v1/distribution_points');
    expect(endpoint.contentEncoding).toBe('deflate');
    expect(endpoint.headers).toEqual({ 'Content-Type': 'application/json', 'DD-API-KEY': TEST_API_KEY });
  });

  it('encodes a batch as the series of distributions the Datadog Forwarder sends', () => {
    const items = [{ json: toSeriesJson({ metric: 'a', value: 1.5, timestampSeconds: 1700000000, tags: ['x:y'] }) }];
    const body = new RequestBody(endpoint.frame, endpoint.maxBatchBytes);
    for (const item of items) body.append(endpoint.bytesOf(item), undefined);
    expect(JSON.parse(body.body().toString('utf8'))).toEqual({
      series: [
        {
          metric: 'a',
          points: [[1700000000, [1.5]]],
          type: 'distribution',
          host: null,
          device: null,
          tags: ['x:y'],
          interval: 10,
        },
      ],
    });
  });
});
