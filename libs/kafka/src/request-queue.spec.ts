// kafkajs' per-connection request queue, as patched by patches/kafkajs+2.2.4.patch (applied by
// `npm install`'s postinstall): stock 2.2.4 re-arms a 1 ms timer forever once a connection has
// had a response, so every idle producer and consumer woke its process a thousand times a second.
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  push(request: object): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer | null; size: number }): void;
  destroy(): void;
};

const silent = { debug: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined };

const made: InstanceType<typeof RequestQueue>[] = [];

function queue(maxInFlightRequests = 1) {
  const q = new RequestQueue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'spec', broker: 'spec:9092', logger: silent });
  made.push(q);
  return q;
}

// Destroyed whatever a test found, or a failing test would leave the stock timer looping.
afterEach(() => {
  for (const q of made.splice(0)) q.destroy();
});

function request(correlationId: number, sent: number[]) {
  return { entry: { correlationId, apiKey: 0, apiName: 'Produce', apiVersion: 7, resolve: () => undefined, reject: () => undefined }, expectResponse: true, sendRequest: () => sent.push(correlationId) };
}

describe('kafkajs request queue (patched)', () => {
  it('arms no timer once the last response is in and nothing waits', () => {
    const q = queue();
    const sent: number[] = [];
    q.push(request(1, sent));
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1]);
    expect(q.inflight.size).toBe(0);
    // Stock 2.2.4 leaves a timer here that re-arms itself every millisecond.
    expect(q.throttleCheckTimeoutId === null ? 'no timer' : 'a timer armed').toBe('no timer');
  });

  it('still sends a request that waited for an in-flight slot when the response frees it', () => {
    const q = queue(1);
    const sent: number[] = [];
    q.push(request(1, sent));
    q.push(request(2, sent));
    expect(sent).toEqual([1]);
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1, 2]);
  });

  it('still sends a request held back by broker throttling once the throttle ends', async () => {
    const q = queue(10);
    const sent: number[] = [];
    q.throttledUntil = Date.now() + 30;
    q.push(request(1, sent));
    expect(sent).toEqual([]);
    expect(q.throttleCheckTimeoutId === null ? 'no timer' : 'a timer armed').toBe('a timer armed');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(sent).toEqual([1]);
  });
});
