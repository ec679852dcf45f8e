import autocannon from 'autocannon';

/** One fixed-rate run of public registrations, as the registration-surge section hands it to this process. */
export interface SurgeLoad {
  registrationUrl: string;
  rate: number;
  seconds: number;
  /** Citizen `firstCitizen + i` registers with the i-th request, so no phone repeats across runs. */
  firstCitizen: number;
}

export interface SurgeLoadResult {
  sent: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts included. */
  connectionErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/**
 * autocannon's overallRate is a per-connection quota for each second, sent as fast as answers come back: with 10
 * per connection, each second opens with rate/10 requests in flight at once instead of evenly spaced arrivals.
 */
const RATE_PER_CONNECTION = 10;

/** A distinct citizen and a distinct valid Belgian mobile number (+3247…) for every request. */
const citizen = (n: number) => ({
  name: `Burger ${n}`,
  birthDate: '1990-01-01',
  phone: `+3247${String(n).padStart(7, '0')}`,
  language: 'nl',
  consent: true,
});

// A process of its own: on the server's event loop the generator would time itself along with the handlers (and in a
// worker thread autocannon takes itself for one of its own workers and answers unaggregated results).
const load = JSON.parse(process.argv[2]!) as SurgeLoad;
let sent = 0;
const result = await autocannon({
  url: load.registrationUrl,
  connections: Math.ceil(load.rate / RATE_PER_CONNECTION),
  overallRate: load.rate,
  duration: load.seconds,
  timeout: 10,
  // autocannon's correction assumes 1 ms between requests whatever the rate, which inflates every latency.
  ignoreCoordinatedOmission: true,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Called once for every request written, so it also counts what was sent.
      setupRequest: (request) => ({ ...request, body: JSON.stringify(citizen(load.firstCitizen + sent++)) }),
    },
  ],
});
process.send!({
  sent,
  seconds: result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  maxMs: result.latency.max,
  connectionErrors: result.errors,
  timeouts: result.timeouts,
  statusCodes: Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]),
  ),
} satisfies SurgeLoadResult);
process.disconnect();
