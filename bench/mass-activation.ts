import pMap from 'p-map';
import { DEFAULT_MEMORY_MB } from '../infra/constructs/handler-function';
import type { InMemoryMetrics } from '../local/runtime/in-memory-metrics';
import type { OutboxEntry } from '../local/runtime/sms-outbox';
import { expectStatus } from '../local/scenarios/api-client';
import { until } from '../local/scenarios/eventually';
import { smsParts } from '../shared/domain/gsm7';
import { ROUTES } from '../shared/http/routes';
import { allMunicipalities } from '../shared/reference/municipalities';
import type { Activation } from '../shared/schemas/activation';
import { MAX_GROUP_MEMBERS } from '../shared/schemas/group';
import { batchWriteAll, documentClient, dynamoClient } from '../shared/store/dynamo-client';
import { operationsKeys } from '../shared/store/keys/operations-keys';
import { tableNames } from '../shared/store/tables';
import { type BenchRuntime, startBenchRuntime } from './bench-runtime';
import { percentile } from './first-alert';
import {
  type Cost,
  countDynamoUnits,
  type Operations,
  operationsBetween,
  type Prices,
  priceOperations,
} from './operations';

const HOME = '44021'; // Gent: the corps of 80 that launches
const HOME_CORPS = 80;
/** Volunteers a typical request needs: its first wave is 10 of the corps of 80. */
const WAVE_NEEDED = 2;
/** Seeding calls in flight: enough to keep DynamoDB Local busy without measuring the seeding. */
const SEED_CONCURRENCY = 8;
/** BatchWriteItem calls in flight for the storage floor (25 items each). */
const FLOOR_CONCURRENCY = 8;

export interface MassActivationOptions {
  volunteers: number;
  poolNumbers: number;
  partsPerSecondPerNumber: number;
  prices: Prices;
}

/** Reads of the big request's view through the API, after a few to warm up. */
const BIG_READS = 60;
const WARM_UP_READS = 10;
/** Answers recorded on the big request before it is read, so its lists have pages to carry. */
const BIG_READ_ANSWERS = 500;

export interface MassActivationResult {
  volunteers: number;
  municipalities: number;
  pool: { numbers: number; partsPerSecondPerNumber: number; configuredPartsPerSecond: number };
  seedingSeconds: number;
  /** A request for `needed` in the corps of `corps`: the SMS of its first wave, and the time to the last of them. */
  waves: { needed: number; corps: number; firstWave: number; firstWaveMs: number };
  /** `GET /help-requests/{id}` of the request with every alert on record (target p95 < 200 ms). */
  bigRead: { alerts: number; answers: number; reads: number; p50Ms: number; p95Ms: number; maxMs: number };
  /** `POST /activations` for all of Flanders answers 202 at once (target < 1 s); its execution then mobilises. */
  answerMs: number;
  /** Members the activation alerted, and from sending it to the execution's last corps counted in. */
  activated: number;
  mobilisationMs: number;
  /** The same number of alert items written with plain BatchWriteItem calls. */
  storageFloorMs: number;
  /** The mobilisation while its SMS go out, over the floor. */
  mobilisationOverFloor: number;
  /** The same activation with its SMS held in the queue: the storage's work alone (target ≤ 1.5 × the floor). */
  storageAloneMs: number;
  storageAloneOverFloor: number;
  /** From sending the activation to the first and to the last of its alerts handed to the gateway. */
  firstAlertMs: number;
  lastAlertMs: number;
  /** Message parts per second between the activation's first and last alert, against the pool's configured rate. */
  achievedPartsPerSecond: number;
  achievedOverConfigured: number;
  /**
   * The same once the activation has mobilised: on one machine its writes take the cores the sending needs, which
   * in AWS run apart.
   */
  afterMobilisationOverConfigured: number;
  /** Sends the gateway refused over a number's rate: the dispatcher backed off and sent them again. */
  throttledSends: number;
  lost: number;
  /** The SMS status on record of each lost alert, counted. */
  lostStatuses: Record<string, number>;
  duplicated: number;
  deadLetters: number;
  /** A help request from launch to purge, nobody answering: for the corps of 80, and widened to every volunteer. */
  cost: { corps80: Cost; flanders: Cost };
}

/**
 * Mass activation on the local runtime: `volunteers` members over every Flemish municipality, a help request in
 * Gent widened to all of Flanders, alerted through the local gateway that refuses more than the configured parts per
 * second per origination number. Counts every alert handed to the gateway by recipient: a missing or a second one
 * fails the bench. On the way it counts the operations an 80-member and the whole activation cost.
 */
export const measureMassActivation = async (
  options: MassActivationOptions,
  progress: (line: string) => void,
): Promise<MassActivationResult> => {
  const lambda = { invocations: 0, gbSeconds: 0, apiRequests: 0 };
  const routeEntries = new Set(ROUTES.map((route) => route.entry));
  const { runtime, call, coordinator } = await startBenchRuntime({
    timing: { ackTimeoutSeconds: 3600, responseWindowSeconds: 3600, aftercareWindowSeconds: 1 },
    poolNumbers: options.poolNumbers,
    partsPerSecond: options.partsPerSecondPerNumber,
    onInvoke: (entry, ms) => {
      lambda.invocations++;
      lambda.gbSeconds += (ms / 1000) * (DEFAULT_MEMORY_MB / 1024);
      if (routeEntries.has(entry)) lambda.apiRequests++;
    },
  });
  try {
    const dynamoUnits = countDynamoUnits(dynamoClient());
    const operations = (): Operations => ({
      stateTransitions: runtime.workflow.stateTransitions,
      lambdaInvocations: lambda.invocations,
      lambdaGbSeconds: lambda.gbSeconds,
      apiRequests: lambda.apiRequests,
      dynamoReadUnits: dynamoUnits.read,
      dynamoWriteUnits: dynamoUnits.write,
      snsPublishes: runtime.queue.jobsEnqueued,
      sqsRequests: 2 * runtime.queue.batchesDelivered,
      smsParts: runtime.outbox.entries.reduce((sum, e) => sum + smsParts(e.body), 0),
    });

    // Seeding, through the API as municipalities would: the corps of 80 in Gent, the rest spread over the others.
    const seedingStarted = Date.now();
    const others = allMunicipalities().filter((nis) => nis !== HOME);
    const members = [
      ...Array.from({ length: HOME_CORPS }, () => HOME),
      ...Array.from(
        { length: options.volunteers - HOME_CORPS },
        (_, i) => others[i % others.length] as string,
      ),
    ];
    await pMap(
      [HOME, ...others],
      (nis) => expectStatus(201, call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} })),
      { concurrency: SEED_CONCURRENCY },
    );
    const phones = members.map((_, i) => `+32470${String(100000 + i)}`);
    const byMunicipality = Map.groupBy(members.keys(), (i) => members[i] as string);
    let seeded = 0;
    // As groups (scouts, Chiro) join: up to 30 members per call, one municipality's groups one after the other.
    await pMap(
      byMunicipality,
      async ([nis, indices]) => {
        const admin = await runtime.tokens.sign({
          roles: ['municipal-admin'],
          municipality: nis,
          sub: `admin-${nis}`,
        });
        for (let g = 0; g < indices.length; g += MAX_GROUP_MEMBERS) {
          const group = indices.slice(g, g + MAX_GROUP_MEMBERS);
          await expectStatus(
            201,
            call('POST', `/municipalities/${nis}/groups`, {
              token: admin,
              body: {
                name: `Benchgroep ${g / MAX_GROUP_MEMBERS + 1}`,
                kind: 'other',
                contact: { name: 'Bench contact', phone: '+32499000002' },
                members: group.map((i) => ({ name: `Lid ${i}`, birthDate: '1990-01-01', phone: phones[i] })),
              },
            }),
          );
          const before = seeded;
          seeded += group.length;
          if (Math.floor(seeded / 1000) > Math.floor(before / 1000) || seeded === members.length) {
            const seconds = (Date.now() - seedingStarted) / 1000;
            progress(`seeded ${seeded}/${members.length} volunteers (${(seeded / seconds).toFixed(0)}/s)`);
          }
        }
      },
      { concurrency: SEED_CONCURRENCY },
    );
    const seedingSeconds = (Date.now() - seedingStarted) / 1000;

    const alertsOf = (title: string): OutboxEntry[] =>
      runtime.outbox.entries.filter(
        (e) => e.body.startsWith('Rode Kruis: hulpvraag') && e.body.includes(`${title}.`),
      );
    /** Launches a request in Gent and waits until `alerts` of its SMS are handed to the gateway. */
    const launch = async (
      title: string,
      alerts: number,
      // Every member at once, as a Flanders-wide flood needs; a normal request alerts a wave of 30 here.
      {
        volunteers = 10,
        urgency = 'immediate',
      }: { volunteers?: number; urgency?: 'immediate' | 'normal' } = {},
    ) => {
      const { id } = await expectStatus(
        202,
        call('POST', '/help-requests', {
          token: coordinator,
          body: {
            municipality: HOME,
            channel: 'phone',
            title,
            needs: [{ task: 'logistics', volunteers }],
            location: { postcode: '9000' },
            urgency,
          },
        }),
      );
      await expectStatus(200, call('POST', `/help-requests/${id}/acknowledge`, { token: coordinator }));
      await until(() => alertsOf(title).length >= alerts, 60_000);
      return id as string;
    };
    /** Closes the request and waits for the stand-down, the aftercare window and the purge. */
    const closeAndPurge = async (id: string) => {
      await expectStatus(200, call('POST', `/help-requests/${id}/close`, { token: coordinator }));
      await runtime.queue.drain();
      await runtime.workflow.executions.get(id)?.done;
    };

    progress(`launching a help request for the corps of ${HOME_CORPS}`);
    const beforeCorps = operations();
    await closeAndPurge(await launch('Bench 80', HOME_CORPS));
    const corps80 = priceOperations(operationsBetween(beforeCorps, operations()), options.prices);

    // Most requests need a few people: the first wave (3 × the need, at least 10), not the corps. The wave window is
    // the response window here (an hour), so no second wave comes while this counts.
    progress(`a request for ${WAVE_NEEDED} in the corps of ${HOME_CORPS}, in waves`);
    const waveStarted = Date.now();
    const waveTitle = 'Bench golf';
    const waveId = await launch(waveTitle, 10, { volunteers: WAVE_NEEDED, urgency: 'normal' });
    const firstWaveMs = Date.now() - waveStarted;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await runtime.queue.drain();
    const waves = {
      needed: WAVE_NEEDED,
      corps: HOME_CORPS,
      firstWave: alertsOf(waveTitle).length,
      firstWaveMs,
    };
    await closeAndPurge(waveId);

    progress(`storage floor: ${options.volunteers - HOME_CORPS} alert items in BatchWriteItem calls`);
    const storageFloorMs = await writeFloor(options.volunteers - HOME_CORPS);

    progress('launching in Gent, then activating all of Flanders');
    const beforeFlanders = operations();
    const metrics = runtime.ports.metrics as InMemoryMetrics;
    const throttledBefore = metrics.values('SmsThrottled').length;
    /** Activates all of Flanders for the request: when it was sent, the 202's time, and the mobilisation's. */
    const activateFlanders = async (id: string) => {
      const sent = Date.now();
      const { activationId } = await expectStatus(
        202,
        call('POST', `/help-requests/${id}/activations`, {
          token: coordinator,
          body: { scope: 'flanders', phaseReference: 'BENCH-FLANDERS-PHASE' },
        }),
      );
      const answerMs = Date.now() - sent;
      progress(`activation answered 202 after ${answerMs} ms`);
      // Read from the store, not through GET /help-requests/{id}: polling the view would load the runtime it measures.
      let activation: Activation | undefined;
      while (!activation?.finishedAt) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        activation = (await runtime.ports.activations.listForRequest(id)).find((a) => a.id === activationId);
      }
      const mobilisationMs = Date.parse(activation.finishedAt) - sent;
      progress(
        `activation mobilised in ${mobilisationMs} ms: ${activation.alerted} members alerted, SMS queued`,
      );
      return { sent, answerMs, mobilisationMs, alerted: activation.alerted };
    };

    const title = 'Bench Vlaanderen';
    const id = await launch(title, HOME_CORPS);
    const { sent: activationSent, answerMs, mobilisationMs, alerted } = await activateFlanders(id);
    const configured = options.poolNumbers * options.partsPerSecondPerNumber;
    const deadline = Date.now() + ((2 * options.volunteers) / configured) * 1000 + 60_000;
    for (let sent = 0; sent < options.volunteers && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      sent = alertsOf(title).length;
      progress(`${sent}/${options.volunteers} alerts handed to the gateway`);
    }
    await runtime.queue.drain();

    const entries = alertsOf(title);
    const perPhone = new Map<string, number>();
    for (const entry of entries) perPhone.set(entry.to, (perPhone.get(entry.to) ?? 0) + 1);
    const lostPhones = new Set(phones.filter((phone) => !perPhone.has(phone)));
    const lost = lostPhones.size;
    // Where a lost alert stopped: its SMS status on record, for whoever has to find out why.
    const lostStatuses: Record<string, number> = {};
    for (const alert of lost ? await runtime.ports.alerts.listForRequest(id) : []) {
      const volunteer = await runtime.ports.volunteers.get(alert.volunteerId);
      if (volunteer && lostPhones.has(volunteer.phone))
        lostStatuses[alert.smsStatus] = (lostStatuses[alert.smsStatus] ?? 0) + 1;
    }
    const duplicated = [...perPhone.values()].reduce((sum, count) => sum + count - 1, 0);
    const widened = entries.map((e) => Date.parse(e.at)).filter((at) => at >= activationSent);
    const first = Math.min(...widened);
    const last = Math.max(...widened);
    const parts = entries
      .filter((e) => Date.parse(e.at) >= activationSent)
      .reduce((sum, e) => sum + smsParts(e.body), 0);
    const achievedPartsPerSecond = parts / ((last - first) / 1000);
    const mobilised = activationSent + mobilisationMs;
    const partsAfter = entries
      .filter((e) => Date.parse(e.at) >= mobilised)
      .reduce((sum, e) => sum + smsParts(e.body), 0);
    const afterMobilisationOverConfigured = partsAfter / ((last - mobilised) / 1000) / configured;
    const onRecord = (await runtime.ports.alerts.listForRequest(id)).length;
    if (onRecord !== options.volunteers)
      throw new Error(`${onRecord} alerts on record for ${options.volunteers} volunteers`);
    const bigRead = await readBigRequest(runtime, call, coordinator, id, onRecord);
    progress(`big request read: p50 ${bigRead.p50Ms} ms, p95 ${bigRead.p95Ms} ms with ${onRecord} alerts`);
    await closeAndPurge(id);
    const flanders = priceOperations(operationsBetween(beforeFlanders, operations()), options.prices);

    // The storage alone: the same activation on a new request while its SMS wait in the queue. On one machine the
    // SMS going out take the cores and DynamoDB Local the writes need; in AWS they run apart.
    progress('storage alone: the same activation with its SMS held in the queue');
    const alone = await launch('Bench opslag', HOME_CORPS);
    runtime.queue.hold();
    const storageAlone = await activateFlanders(alone);
    progress(`${runtime.queue.discardWaiting()} SMS jobs held and dropped`);
    await closeAndPurge(alone);

    return {
      volunteers: options.volunteers,
      municipalities: new Set(members).size,
      pool: {
        numbers: options.poolNumbers,
        partsPerSecondPerNumber: options.partsPerSecondPerNumber,
        configuredPartsPerSecond: configured,
      },
      seedingSeconds,
      waves,
      bigRead,
      answerMs,
      activated: alerted,
      mobilisationMs,
      storageFloorMs,
      mobilisationOverFloor: mobilisationMs / storageFloorMs,
      storageAloneMs: storageAlone.mobilisationMs,
      storageAloneOverFloor: storageAlone.mobilisationMs / storageFloorMs,
      firstAlertMs: first - activationSent,
      lastAlertMs: last - activationSent,
      achievedPartsPerSecond,
      achievedOverConfigured: achievedPartsPerSecond / configured,
      afterMobilisationOverConfigured,
      throttledSends: metrics.values('SmsThrottled').length - throttledBefore,
      lost,
      lostStatuses,
      duplicated,
      deadLetters: runtime.queue.deadLetters.length,
      cost: { corps80, flanders },
    };
  } finally {
    await runtime.stop();
  }
};

/**
 * The coordinator's console polling a Flanders-wide request: `BIG_READ_ANSWERS` volunteers answer (declines, through
 * the store as the reply handler records them), then the view is read `BIG_READS` times in a row through the API.
 */
const readBigRequest = async (
  runtime: BenchRuntime['runtime'],
  call: BenchRuntime['call'],
  coordinator: string,
  id: string,
  alerts: number,
): Promise<MassActivationResult['bigRead']> => {
  const answering = (await runtime.ports.alerts.listForRequest(id)).slice(0, BIG_READ_ANSWERS);
  await pMap(
    answering,
    (alert, i) =>
      runtime.ports.alerts.recordAnswer(alert, 'declined', new Date(Date.now() + i).toISOString(), undefined),
    { concurrency: 25 },
  );
  const samples: number[] = [];
  for (let i = 0; i < BIG_READS; i++) {
    const sent = performance.now();
    await expectStatus(200, call('GET', `/help-requests/${id}`, { token: coordinator }));
    if (i >= WARM_UP_READS) samples.push(performance.now() - sent);
  }
  const sorted = samples.sort((a, b) => a - b).map(Math.round);
  return {
    alerts,
    answers: answering.length,
    reads: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1) ?? 0,
  };
};

/** Alert-shaped items (same keys and attributes) in a request of their own, 25 per BatchWriteItem, unconditional. */
const writeFloor = async (count: number): Promise<number> => {
  const now = new Date().toISOString();
  const items = Array.from({ length: count }, (_, i) => {
    const volunteerId = `FLOOR${String(i).padStart(6, '0')}`;
    return {
      ...operationsKeys.alert('BENCH-FLOOR', volunteerId),
      ...operationsKeys.alertIndex(volunteerId, 'BENCH-FLOOR'),
      requestId: 'BENCH-FLOOR',
      volunteerId,
      municipality: HOME,
      code: '1234',
      smsStatus: 'queued',
      createdAt: now,
    };
  });
  const started = Date.now();
  await batchWriteAll(
    documentClient(),
    tableNames.operations(),
    items.map((Item) => ({ PutRequest: { Item } })),
    { concurrency: FLOOR_CONCURRENCY },
  );
  return Date.now() - started;
};
