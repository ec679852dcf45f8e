import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { LocalAttachmentStore } from '../../local/runtime/attachment-store';
import { fixedPorts } from '../../local/runtime/fixed-ports';
import { InMemoryMetrics } from '../../local/runtime/in-memory-metrics';
import { InMemoryOfficialAccounts } from '../../local/runtime/official-accounts';
import { InMemoryUserAccounts } from '../../local/runtime/user-accounts';
import { composePorts } from '../../shared/compose-ports';
import type { Identity } from '../../shared/domain/identity';
import type { OutgoingSms, SmsGateway, SmsJobQueue } from '../../shared/messaging/ports';
import type { SmsTraces } from '../../shared/messaging/sms-traces';
import type { Ports } from '../../shared/ports';
import type { ActivationInput } from '../../shared/schemas/activation';
import type { LifecycleInput } from '../../shared/schemas/lifecycle';
import type { SmsJob } from '../../shared/schemas/sms-job';
import type { Volunteer } from '../../shared/schemas/volunteer';
import { documentClient } from '../../shared/store/dynamo-client';
import { allRepositoryPorts } from '../../shared/store/repository-ports';
import type { VolunteerRepository } from '../../shared/store/volunteer-repository';
import type { ActivationWorkflow, Workflow } from '../../shared/workflow/ports';
import { aNewMember } from '../builders/registration';

/** The state machine, which cannot run here: records the executions the API would have started. */
export class RecordingWorkflow implements Workflow {
  readonly started: LifecycleInput[] = [];
  readonly resumed: { taskToken: string; output: Record<string, unknown> }[] = [];

  async start(input: LifecycleInput): Promise<void> {
    this.started.push(input);
  }

  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.resumed.push({ taskToken, output });
  }
}

/** The activation state machine, which cannot run here: records the executions the API would have started. */
export class RecordingActivationWorkflow implements ActivationWorkflow {
  readonly started: ActivationInput[] = [];

  async start(input: ActivationInput): Promise<void> {
    this.started.push(input);
  }
}

/** The SMS provider, which cannot run here: records what it was asked to send, and forgets it when purged. */
export class RecordingSmsGateway implements SmsGateway, SmsTraces {
  sent: (OutgoingSms & { messageId: string })[] = [];

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    // Unique like the provider's: the receipts' pointers share the table with other tests.
    const messageId = `msg-${ulid()}`;
    this.sent.push({ ...sms, messageId });
    return { messageId };
  }

  async count(phones: readonly string[]): Promise<number> {
    return this.sent.filter((sms) => phones.includes(sms.to)).length;
  }

  async forget(phones: readonly string[]): Promise<void> {
    this.sent = this.sent.filter((sms) => !phones.includes(sms.to));
  }
}

/** The SMS job topic and queue, which cannot run here: keeps the jobs. */
export class RecordingSmsQueue implements SmsJobQueue {
  readonly jobs: SmsJob[] = [];

  async enqueue(jobs: SmsJob[]): Promise<void> {
    this.jobs.push(...jobs);
  }
}

/** A clock the test sets: it stands still until moved. */
export class TestClock {
  private current: Date;

  constructor(start: string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = new Date(iso);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type TestPorts = Ports & {
  workflow: RecordingWorkflow;
  activationWorkflow: RecordingActivationWorkflow;
  sms: RecordingSmsGateway;
  smsTraces: RecordingSmsGateway;
  smsJobs: RecordingSmsQueue;
  metrics: InMemoryMetrics;
  clock: TestClock;
  accounts: InMemoryUserAccounts;
  officialAccounts: InMemoryOfficialAccounts;
};

/** Where the test attachment store's upload URLs point: nothing listens, the tests hand the PUT to the store. */
export const ATTACHMENTS_URL = 'http://attachments.test';

/**
 * Two origination numbers at 1,000 message parts per second each: the tests of a file send at one instant of a test
 * clock, which only moves while a dispatcher waits for room.
 */
export const TEST_POOL = { numbers: ['+32460000001', '+32460000002'], partsPerSecond: 1000 };

/** The crisis centre's number in the test configuration. */
export const TEST_CRISIS_CENTRE_PHONE = '+32499000112';

/**
 * The real repositories on this file's DynamoDB Local tables (build after createTestTables), with in-memory fakes
 * for what only AWS provides (SMS, queue, state machine).
 */
export const testPorts = (clock = new TestClock('2026-03-02T10:00:00.000Z')): TestPorts => {
  const sms = new RecordingSmsGateway();
  const doubles = {
    smsJobs: new RecordingSmsQueue(),
    attachments: new LocalAttachmentStore(
      mkdtempSync(path.join(tmpdir(), 'attachments-')),
      () => ATTACHMENTS_URL,
      clock,
    ),
    claimRetentionYears: 5,
    accounts: new InMemoryUserAccounts(),
    officialAccounts: new InMemoryOfficialAccounts(),
    sms,
    smsTraces: sms,
    workflow: new RecordingWorkflow(),
    activationWorkflow: new RecordingActivationWorkflow(),
    metrics: new InMemoryMetrics(),
    timing: { ackTimeoutSeconds: 1, responseWindowSeconds: 1, aftercareWindowSeconds: 1 },
    crisisCentrePhone: TEST_CRISIS_CENTRE_PHONE,
    smsPool: TEST_POOL,
    clock,
    sleep: async (ms: number) => clock.advance(ms),
  };
  // The repositories from the composition root, on this file's tables; the doubles in place of what AWS provides.
  return composePorts({ ...allRepositoryPorts(), ...fixedPorts(doubles) }) as TestPorts;
};

/** Every item of one table, read page by page with a consistent scan. */
export const scanTable = async (tableName: string): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let startKey: ScanCommandInput['ExclusiveStartKey'];
  do {
    const page = await documentClient().send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/** Members per registerMembers call when seeding: 3 transaction items each, within DynamoDB's 100. */
const SEED_BATCH = 30;

/**
 * Seeds `count` members of `nis` in batches, registered one minute apart from `firstRegisteredAt` (so the
 * longest-serving member is known), and answers them as stored.
 */
export const seedMembers = async (
  volunteers: VolunteerRepository,
  nis: string,
  count: number,
  who: Identity,
  firstRegisteredAt = '2025-01-01T08:00:00.000Z',
): Promise<Volunteer[]> => {
  const start = new Date(firstRegisteredAt).getTime();
  const members = Array.from({ length: count }, (_, i) =>
    aNewMember({ municipality: nis, registeredAt: new Date(start + i * 60_000).toISOString() }),
  );
  const stored: Volunteer[] = [];
  for (let i = 0; i < members.length; i += SEED_BATCH) {
    stored.push(...(await volunteers.registerMembers(nis, members.slice(i, i + SEED_BATCH), who)));
  }
  return stored;
};
