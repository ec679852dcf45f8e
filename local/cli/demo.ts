import { readCommandLine } from './command-line';

/** `npm run demo`: the flood scenario on a fresh in-memory runtime, narrated step by step. */
readCommandLine({
  run: 'npm run demo',
  summary: 'A flood in Gentbrugge on a fresh in-memory runtime, narrated step by step; it takes no flags.',
  flags: {},
});
// Loaded once the flags are read, so a refused flag is answered before the runtime is loaded.
const [{ startLocalRuntime }, { floodScenario }] = await Promise.all([
  import('../runtime/runtime'),
  import('../scenarios/flood-demo'),
]);
// The narration tells the story; the npm script sets POWERTOOLS_LOG_LEVEL=WARN so the handlers' logs do not drown it.
console.log('Starting DynamoDB Local and synthesizing the CDK app…');
const runtime = await startLocalRuntime({
  timing: { ackTimeoutSeconds: 30, responseWindowSeconds: 2, aftercareWindowSeconds: 2 },
});
try {
  const result = await floodScenario(runtime, (line) => console.log(line));
  console.log(`   ${result.smsSent} SMS sent in all.`);
} finally {
  await runtime.stop();
}
