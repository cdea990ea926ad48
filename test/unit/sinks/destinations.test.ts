import { destinationsFor } from '../../../src/sinks/destinations.js';
import type { IntakeEndpoint } from '../../../src/sinks/intake-sink.js';
import { jsonArrayFrame } from '../../../src/sinks/request-body.js';

describe('destinations', () => {
  const main: IntakeEndpoint<string> = {
    name: 'logs',
    url: 'https://http-intake.logs.datadoghq.com:443/api/v2/logs',
    headers: { 'DD-API-KEY': 'main-key', 'Content-Type': 'application/json' },
    compressionLevel: 6,
    maxItems: 1000,
    maxBatchBytes: 5_000_000,
    frame: jsonArrayFrame(),
    bytesOf: (item) => item,
    itemIdOf: () => undefined,
  };

  it('sends each additional destination to its host with its own key, named uniquely', () => {
    const destinations = destinationsFor(main, [
      { baseUrl: 'https://eu.example.com:443', apiKey: 'key-2', reliable: true },
      { baseUrl: 'https://eu.example.com:443', apiKey: 'key-3', reliable: false },
      { baseUrl: 'http://127.0.0.1:8080', apiKey: 'key-4', reliable: true },
    ]);
    expect(destinations.map((d) => [d.name, d.endpoint.url, d.endpoint.headers['DD-API-KEY'], d.reliable])).toEqual([
      ['logs', main.url, 'main-key', true],
      ['logs@eu.example.com', 'https://eu.example.com:443/api/v2/logs', 'key-2', true],
      ['logs@eu.example.com#2', 'https://eu.example.com:443/api/v2/logs', 'key-3', false],
      ['logs@127.0.0.1:8080', 'http://127.0.0.1:8080/api/v2/logs', 'key-4', true],
    ]);
    expect(destinations.every((d) => d.intake === 'logs')).toBe(true);
  });
});
