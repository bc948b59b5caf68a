import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeepAliveLoad } from '../../../bench/server/load';

describe('runKeepAliveLoad', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ auth: string | undefined; remote: number | undefined }> = [];

  beforeAll(async () => {
    let served = 0;
    server = createServer((request, response) => {
      served += 1;
      seen.push({ auth: request.headers.authorization, remote: request.socket.remotePort });
      if (request.headers.authorization === 'Bearer bad') {
        response.statusCode = 401;
        response.end('{"error":{}}');
      } else if (served === 7) {
        // A connection that dies mid-request counts as an error, and the client reconnects.
        request.socket.destroy();
      } else {
        // Like fastify: a single-chunk body with content-length (no chunked encoding).
        response.setHeader('content-type', 'application/json');
        response.end('{"apps":[]}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends exactly `total` requests over keep-alive connections and sorts out errors', async () => {
    const result = await runKeepAliveLoad({
      url,
      path: '/api/v1/apps',
      headers: (index) => ({ authorization: index % 10 === 3 ? 'Bearer bad' : `Bearer t${index}` }),
      connections: 4,
      total: 50,
    });
    expect(seen).toHaveLength(50);
    expect(result.latencies.length + result.errors).toBe(50);
    expect(result.errors).toBe(6); // 5 refused + 1 dropped connection
    expect(result.errorSamples).toEqual(expect.arrayContaining(['HTTP 401']));
    // Keep-alive: far fewer connections than requests (4, plus one re-opened).
    expect(new Set(seen.map((s) => s.remote)).size).toBeLessThanOrEqual(5);
    expect(new Set(seen.map((s) => s.auth)).size).toBeGreaterThan(10);
  });
});
