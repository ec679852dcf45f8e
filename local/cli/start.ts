import { lifecycleTimingSchema } from '../../shared/schemas/lifecycle';
import { flags, readCommandLine } from './command-line';

/** `npm start`: the whole system on this machine. Settings: PORT, LIFECYCLE_TIMING, PUBLIC_BASE_URL, --data-dir. */
const values = readCommandLine({
  run: 'npm start',
  summary: 'The whole system on this machine: the API, the state machine, DynamoDB Local and an SMS outbox.',
  flags: {
    'data-dir': flags.text(
      'keep DynamoDB data and the SMS outbox here across restarts (default: in memory)',
      {
        value: 'DIR',
      },
    ),
  },
  notes: [
    'Environment: PORT (3000); LIFECYCLE_TIMING, JSON { ackTimeoutSeconds, responseWindowSeconds,',
    'waveWindowSeconds?, aftercareWindowSeconds } (5, 10, 5, 10); PUBLIC_BASE_URL, the base of the registration',
    "links (the runtime's address).",
  ],
});
// Loaded once the flags are read, so a refused flag is answered before the runtime is loaded.
const { LOCAL_TIMING, startLocalRuntime } = await import('../runtime/runtime');
const timing = process.env.LIFECYCLE_TIMING
  ? lifecycleTimingSchema.parse(JSON.parse(process.env.LIFECYCLE_TIMING))
  : LOCAL_TIMING;

// Signals are handled from the first moment, so a Ctrl-C during start-up still stops DynamoDB Local.
let stopRequested = false;
let stopRuntime: (() => Promise<void>) | undefined;
const stop = async () => {
  if (stopRequested) return;
  stopRequested = true;
  console.log('\nStopping…');
  await stopRuntime?.();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log('Starting DynamoDB Local and synthesizing the CDK app…');
const runtime = await startLocalRuntime({
  port: Number(process.env.PORT ?? 3000),
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  timing,
  printSms: true,
  ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
});
stopRuntime = runtime.stop;
if (stopRequested) {
  await runtime.stop();
  process.exit(0);
}

console.log(`
Crisis tool running at ${runtime.url}  (lifecycle timing: ${JSON.stringify(timing)})
Console: ${runtime.url}/  (sign in as any role: local only)   Citizens' page of a call: ${runtime.url}/r/<code>
${values['data-dir'] ? `Data kept in ${values['data-dir']}` : 'Data in memory: gone when you stop (use --data-dir DIR to keep it)'}

Get a token:
  curl -s -X POST ${runtime.url}/_local/token -H 'content-type: application/json' \\
    -d '{"roles":["coordinator"],"sub":"coordinator-1"}'
A municipality's crisis software (client credentials, bound to Gent by its client): -d '{"clientId":"m2m-44021-GentCrisis"}'
Then: curl -H "authorization: Bearer $TOKEN" ${runtime.url}/health
SMS sent so far: ${runtime.url}/_local/sms/outbox    Reply as a volunteer: POST ${runtime.url}/_local/sms/inbound {"from","body"}
Ctrl-C stops everything.
`);
