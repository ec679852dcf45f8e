import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SNSEvent } from 'aws-lambda';
import {
  ACTIVATION_STATE_MACHINE_NAME_SUFFIX,
  ACTIVATION_TASKS,
  CALLBACK_STATES,
  LIFECYCLE_TASKS,
  STATE_MACHINE_NAME_SUFFIX,
} from '../../infra/lifecycle-tasks';
import { composePorts } from '../../shared/compose-ports';
import { withEnvironment } from '../../shared/config';
import { ACCOUNT_DEFAULT_ORIGINATION, dispatchConcurrency } from '../../shared/domain/origination';
import { DEFAULT_CLAIM_RETENTION_YEARS } from '../../shared/domain/retention';
import { DEFAULT_SPONTANEOUS_REGISTRATION_CAP } from '../../shared/domain/spontaneous';
import { DEFAULT_WAVE_SIZE } from '../../shared/domain/waves';
import { routesOf } from '../../shared/http/routes';
import { environmentOf, type StageValues, VARIABLES } from '../../shared/manifest/environment';
import {
  FUNCTIONS,
  type FunctionName,
  functionsTriggeredBy,
  type Manifest,
  needsOf,
} from '../../shared/manifest/functions';
import { grantedPorts } from '../../shared/manifest/granted-ports';
import type { Ports } from '../../shared/ports';
import { MAX_ATTACHMENT_BYTES } from '../../shared/schemas/claim';
import type { AlertWaves, LifecycleTiming } from '../../shared/schemas/lifecycle';
import { DEFAULT_PHONE_COUNTRIES, mobilePhoneSchema } from '../../shared/schemas/phone';
import type { OriginationPool } from '../../shared/schemas/sms-job';
import { allRepositoryPorts } from '../../shared/store/repository-ports';
import type { ActivationWorkflow } from '../../shared/workflow/ports';
import { LOCAL_ATTACHMENTS_PATH, LocalAttachmentStore } from './attachment-store';
import {
  createTables,
  type LocalDynamo,
  localTableNames,
  startDynamoDbLocal,
  tableEnvironment,
} from './dynamodb';
import { fixedPorts } from './fixed-ports';
import { createApiServer } from './http-server';
import { InMemoryMetrics } from './in-memory-metrics';
import { type AnyHandler, lambdaContext, loadHandler } from './lambda-context';
import { localLedgerSalt } from './ledger-salt';
import { LocalWorkflow } from './local-workflow';
import { InMemoryOfficialAccounts } from './official-accounts';
import { LocalSmsEventQueue } from './sms-event-queue';
import { LocalSmsJobQueue } from './sms-job-queue';
import { SmsOutbox } from './sms-outbox';
import { synthesizeSystem } from './synth';
import { LocalTokens, type MachineClient, TokenRefused, tokenRequestSchema } from './tokens';
import { InMemoryUserAccounts } from './user-accounts';
import { webPages } from './web-pages';

/** Two local long codes at the provider's default rate. */
export const LOCAL_SMS_POOL: OriginationPool = {
  numbers: ['+32460000001', '+32460000002'],
  partsPerSecond: 10,
};

/** The local price cap per SMS (USD): a few parts at the assumed Belgian rate, as a stage would set it. */
export const LOCAL_SMS_MAX_PRICE_USD = 0.5;

/** Where the local crisis centre's SMS go (a reserved Belgian mobile range, nobody's phone). */
export const LOCAL_CRISIS_CENTRE_PHONE = '+32499000112';

/** Local durations: a whole lifecycle in well under a minute. */
export const LOCAL_TIMING: LifecycleTiming = {
  ackTimeoutSeconds: 5,
  responseWindowSeconds: 10,
  waveWindowSeconds: 5,
  aftercareWindowSeconds: 10,
};

/** One municipal crisis system that may launch help requests, as a stage's `machineClients` would configure it. */
export const LOCAL_MACHINE_CLIENTS: MachineClient[] = [
  { name: 'GentCrisis', municipality: '44021', access: 'write' },
];

export interface LocalRuntimeOptions {
  port?: number;
  /** The machine clients `/_local/token` issues tokens to, as a stage's config names them. */
  machineClients?: MachineClient[];
  /** Keep DynamoDB data (and the SMS outbox file) here across restarts; in memory otherwise. */
  dataDir?: string;
  /** Use a DynamoDB Local that is already running (the test suite's) instead of starting one. */
  dynamoEndpoint?: string;
  /** Table name prefix, so several runtimes can share one DynamoDB Local. */
  tablePrefix?: string;
  timing?: LifecycleTiming;
  /** How many members a wave of alerts reaches per task (the deployment's `alertWaves`). */
  alertWaves?: AlertWaves;
  /** The crisis centre's number, told when nobody on the duty roster acknowledges a request. */
  crisisCentrePhone?: string;
  printSms?: boolean;
  /** Base of the links handed out for public routes (registration URLs); this runtime's own address otherwise. */
  publicBaseUrl?: string;
  /**
   * AWS WAF's application integration URL for the pages' `config.json` (and their Content-Security-Policy). There is
   * no WAF locally: only a stand-in script (the browser tests') makes sense here.
   */
  wafIntegrationUrl?: string;
  /** The origination numbers the dispatcher spreads SMS over, and their rate. */
  smsPool?: OriginationPool;
  /** The price cap per SMS (USD) the local provider enforces. */
  smsMaxPriceUsd?: number;
  /** Milliseconds between a failed task's retries, instead of the state machine's (fault-injection tests). */
  retryDelayMs?: number;
  /** Milliseconds for the named fixed Wait states (the purge's retry wait), instead of the definition's. */
  waitMs?: Record<string, number>;
  /** Years a settled or rejected claim is kept (the deployment's `claimRetentionYears`). */
  claimRetentionYears?: number;
  /** Registrations a spontaneous call takes (the deployment's `spontaneousRegistrationCap`). */
  spontaneousRegistrationCap?: number;
  /** Told of every handler invocation (its entry point and how long it ran): the benchmarks count Lambda work. */
  onInvoke?: (entry: string, ms: number) => void;
  /** The function manifest to run (a test takes a need away to see the function fail as it would in Lambda). */
  functions?: Manifest;
}

export interface LocalRuntime {
  url: string;
  tokens: LocalTokens;
  outbox: SmsOutbox;
  attachments: LocalAttachmentStore;
  /** The user pool: which member accounts an erasure deleted. */
  accounts: InMemoryUserAccounts;
  /** The user pool's officials and the invitation e-mails it sent (`/_local/mail/outbox`). */
  officialAccounts: InMemoryOfficialAccounts;
  queue: LocalSmsJobQueue;
  /** The SMS events topic and queue: the provider's delivery events, on their way to the delivery status function. */
  smsEvents: LocalSmsEventQueue;
  workflow: LocalWorkflow;
  /** The activation state machine's executions, named after the activations. */
  activations: LocalWorkflow;
  ports: Ports;
  /**
   * Delivers an SMS reply as the two-way SMS topic would, and answers its inbound message id. Giving an earlier
   * delivery's id (and time) delivers that event again, as SNS may.
   */
  inbound(from: string, body: string, delivery?: { inboundMessageId?: string; at?: Date }): Promise<string>;
  stop(): Promise<void>;
}

export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const system = synthesizeSystem();
  const dynamo = options.dynamoEndpoint
    ? undefined
    : await startDynamoDbLocal(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {});
  const endpoint = options.dynamoEndpoint ?? (dynamo as LocalDynamo).endpoint;
  const tables = await createTables(endpoint, system.tables, options.tablePrefix);

  const salt = localLedgerSalt(options.dataDir);
  // What Lambda gives every function (region, credentials, the local DynamoDB), and the runtime's own view of every
  // table and the salt, for the scenarios and tests that seed through `ports`. A function does not see the tables
  // here: it runs in the environment its manifest entry grants (withEnvironment below).
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    ...tableEnvironment(tables),
    [VARIABLES.erasureLedgerSalt]: salt,
    POWERTOOLS_DEV: 'true',
  });

  const smsPool = options.smsPool ?? LOCAL_SMS_POOL;
  const smsMaxPriceUsd = options.smsMaxPriceUsd ?? LOCAL_SMS_MAX_PRICE_USD;
  const outbox = new SmsOutbox(
    {
      pool: smsPool.numbers,
      partsPerSecond: smsPool.partsPerSecond,
      // The protect configuration allows the countries the public registration takes numbers from.
      allowedCountries: DEFAULT_PHONE_COUNTRIES,
      maxPriceUsd: smsMaxPriceUsd,
    },
    {
      print: options.printSms ?? false,
      ...(options.dataDir ? { file: path.join(options.dataDir, 'sms-outbox.jsonl') } : {}),
    },
  );
  const handlers: Record<string, AnyHandler> = {};
  // As the configuration set's event destination publishes to the SMS events topic, and its queue feeds the handler.
  const smsEvents = new LocalSmsEventQueue(() => handlers.deliveryStatus!);
  const reportDeliveries = () => smsEvents.publish(outbox.takeEvents());
  outbox.onEvents = () => void reportDeliveries();
  const queue = new LocalSmsJobQueue(
    () => handlers.dispatch!,
    reportDeliveries,
    dispatchConcurrency(smsPool.numbers.length, smsPool.partsPerSecond),
  );
  const workflow = new LocalWorkflow(
    system.stateMachineDefinition,
    () => Object.fromEntries(Object.keys(LIFECYCLE_TASKS).map((state) => [state, handlers[state]!])),
    CALLBACK_STATES,
    (execution) => console.error(`lifecycle ${execution.name} failed: ${execution.error}`),
    {
      ...(options.retryDelayMs === undefined ? {} : { retryMs: options.retryDelayMs }),
      ...(options.waitMs ? { waits: options.waitMs } : {}),
    },
  );
  const activations = new LocalWorkflow(
    system.activationDefinition,
    () => Object.fromEntries(Object.keys(ACTIVATION_TASKS).map((state) => [state, handlers[state]!])),
    [],
    (execution) => console.error(`activation ${execution.name} failed: ${execution.error}`),
    options.retryDelayMs === undefined ? {} : { retryMs: options.retryDelayMs },
  );
  const activationWorkflow: ActivationWorkflow = {
    start: async (input) => activations.run(input.activationId, input),
  };
  let baseUrl = '';
  // Kept beside the DynamoDB data when there is a data dir, else in a folder of its own that goes with the process.
  const attachments = new LocalAttachmentStore(
    options.dataDir
      ? path.join(options.dataDir, 'attachments')
      : mkdtempSync(path.join(tmpdir(), 'attachments-')),
    () => baseUrl,
  );
  const accounts = new InMemoryUserAccounts();
  const officialAccounts = new InMemoryOfficialAccounts();
  const metrics = new InMemoryMetrics();
  // Every repository, and what only AWS provides, the same for every function: the local SMS queue and outbox,
  // state machine, bucket, pool.
  const doubles = {
    ...allRepositoryPorts(),
    ...fixedPorts({
      attachments,
      accounts,
      officialAccounts,
      smsJobs: queue,
      sms: outbox,
      smsTraces: outbox,
      workflow,
      activationWorkflow,
      metrics,
    }),
  };
  const stage: StageValues = {
    resources: {
      tables: localTableNames(tables),
      smsJobsTopic: 'arn:aws:sns:eu-west-1:000000000000:SmsJobs',
      stateMachine: `arn:aws:states:eu-west-1:000000000000:stateMachine:local-${STATE_MACHINE_NAME_SUFFIX}`,
      activationStateMachine: `arn:aws:states:eu-west-1:000000000000:stateMachine:local-${ACTIVATION_STATE_MACHINE_NAME_SUFFIX}`,
      attachmentsBucket: 'local-attachments',
      userPool: 'eu-west-1_local',
      erasureLedgerSalt: { value: salt },
      smsSending: {
        pool: 'arn:aws:sms-voice:eu-west-1:000000000000:pool/pool-local',
        configurationSet: 'local-sms',
        protectConfiguration: 'protect-local',
        maxPriceUsd: String(smsMaxPriceUsd),
      },
    },
    parameters: {
      registrationPolicy: {
        allowedPhoneCountries: DEFAULT_PHONE_COUNTRIES,
        spontaneousRegistrationCap:
          options.spontaneousRegistrationCap ?? DEFAULT_SPONTANEOUS_REGISTRATION_CAP,
      },
      claimRetentionYears: options.claimRetentionYears ?? DEFAULT_CLAIM_RETENTION_YEARS,
      lifecycleTiming: options.timing ?? LOCAL_TIMING,
      ...(options.alertWaves ? { alertWaves: options.alertWaves } : {}),
      crisisCentrePhone: options.crisisCentrePhone ?? LOCAL_CRISIS_CENTRE_PHONE,
      smsPool,
    },
  };
  // The runtime's own ports (every one), for scenarios and tests that seed or look: its parameters given directly.
  const ports: Ports = composePorts({
    ...doubles,
    timing: () => stage.parameters.lifecycleTiming ?? LOCAL_TIMING,
    alertWaves: () => stage.parameters.alertWaves ?? DEFAULT_WAVE_SIZE,
    crisisCentrePhone: () => stage.parameters.crisisCentrePhone,
    claimRetentionYears: () => stage.parameters.claimRetentionYears,
    smsPool: () => smsPool,
  });

  const functions = options.functions ?? FUNCTIONS;
  // Links to public routes are known once the server listens: filled in below, before any function reads them.
  const environments: Partial<Record<FunctionName, Record<string, string>>> = {};
  /** A function as Lambda would run it: only its granted environment and ports, at load and at every invocation. */
  const load = async (name: FunctionName): Promise<AnyHandler> => {
    const spec = functions[name];
    const environment = environmentOf(needsOf(spec), stage);
    environments[name] = environment;
    const own = composePorts(doubles, grantedPorts(spec.needs));
    const handler = await withEnvironment(environment, () => loadHandler(spec.entry, own));
    const observe = options.onInvoke;
    return async (event, context) => {
      const started = performance.now();
      try {
        return await withEnvironment(environment, () => handler(event, context));
      } finally {
        observe?.(spec.entry, performance.now() - started);
      }
    };
  };
  for (const [name, spec] of functionsTriggeredBy('task', functions))
    handlers[spec.trigger.state] = await load(name);
  handlers.dispatch = await load('smsDispatcher');
  handlers.inbound = await load('inboundSmsHandler');
  handlers.deliveryStatus = await load('smsDeliveryStatus');
  handlers.claimRetention = await load('claimRetention');
  const routes = await Promise.all(
    routesOf(functions).map(async (route) => ({ route, handler: await load(route.name) })),
  );

  const inbound = async (
    from: string,
    body: string,
    { inboundMessageId = randomUUID(), at = new Date() }: { inboundMessageId?: string; at?: Date } = {},
  ) => {
    const event: SNSEvent = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'local',
          Sns: {
            Type: 'Notification',
            MessageId: randomUUID(),
            TopicArn: 'arn:aws:sns:eu-west-1:000000000000:InboundSms',
            Subject: '',
            Message: JSON.stringify({
              originationNumber: from,
              // The number of the pool the volunteer texted: the reply goes back from it.
              destinationNumber: smsPool.numbers[0] ?? ACCOUNT_DEFAULT_ORIGINATION,
              messageBody: body,
              inboundMessageId,
            }),
            Timestamp: at.toISOString(),
            SignatureVersion: '1',
            Signature: 'local',
            SigningCertUrl: 'local',
            UnsubscribeUrl: 'local',
            MessageAttributes: {},
          },
        },
      ],
    };
    await handlers.inbound!(event, lambdaContext('InboundSmsHandler'));
    return inboundMessageId;
  };

  const tokens = new LocalTokens(options.machineClients ?? LOCAL_MACHINE_CLIENTS, officialAccounts);
  const server = createApiServer({
    routes,
    tokens,
    pages: webPages(() => ({
      apiUrl: baseUrl,
      ...(options.wafIntegrationUrl ? { wafIntegrationUrl: options.wafIntegrationUrl } : {}),
      auth: { kind: 'local' },
    })),
    upload: {
      prefix: LOCAL_ATTACHMENTS_PATH,
      maxBytes: MAX_ATTACHMENT_BYTES,
      handle: (pathname, query, contentType, body) => attachments.receive(pathname, query, contentType, body),
    },
    localRoutes: [
      {
        method: 'POST',
        path: '/_local/token',
        handle: async (body) => {
          const parsed = tokenRequestSchema.safeParse(body);
          if (!parsed.success) {
            return {
              statusCode: 400,
              body: {
                error: 'ValidationError',
                issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
              },
            };
          }
          try {
            return { statusCode: 200, body: { token: await tokens.sign(parsed.data) } };
          } catch (error) {
            if (error instanceof TokenRefused)
              return {
                statusCode: 400,
                body: { error: error.error, ...(error.description ? { message: error.description } : {}) },
              };
            throw error;
          }
        },
      },
      {
        method: 'GET',
        path: '/_local/sms/outbox',
        handle: async (_body, query) => {
          const to = query.get('to');
          const phone = to ? mobilePhoneSchema.safeParse(to) : undefined;
          const entries = phone?.success ? outbox.sentTo(phone.data) : to ? [] : outbox.entries;
          return { statusCode: 200, body: { messages: entries } };
        },
      },
      {
        // The invitations the user pool sent (`?to=` filters by address), as Cognito would e-mail them.
        method: 'GET',
        path: '/_local/mail/outbox',
        handle: async (_body, query) => {
          const to = query.get('to')?.trim().toLowerCase();
          const mails = officialAccounts.outbox.filter((mail) => !to || mail.to === to);
          return { statusCode: 200, body: { mails } };
        },
      },
      {
        method: 'POST',
        path: '/_local/sms/undeliverable',
        handle: async (body) => {
          const phone = mobilePhoneSchema.safeParse((body as { phone?: unknown } | undefined)?.phone);
          if (!phone.success) {
            return {
              statusCode: 400,
              body: {
                error: 'ValidationError',
                issues: [{ path: 'phone', message: 'a mobile number whose SMS should fail to deliver' }],
              },
            };
          }
          outbox.makeUndeliverable(phone.data);
          return { statusCode: 200, body: { undeliverable: true } };
        },
      },
      {
        // EventBridge's daily schedule, on demand: `{ at? }` runs it as the schedule would at that time (now).
        method: 'POST',
        path: '/_local/schedule/claim-retention',
        handle: async (body) => {
          const at = (body as { at?: unknown } | undefined)?.at ?? new Date().toISOString();
          if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
            return {
              statusCode: 400,
              body: { error: 'ValidationError', issues: [{ path: 'at', message: 'an ISO 8601 time' }] },
            };
          }
          const result = await handlers.claimRetention!(
            {
              id: randomUUID(),
              'detail-type': 'Scheduled Event',
              source: 'aws.events',
              time: new Date(at).toISOString(),
              detail: {},
            },
            lambdaContext('ClaimRetention'),
          );
          return { statusCode: 200, body: result };
        },
      },
      {
        method: 'POST',
        path: '/_local/sms/inbound',
        handle: async (body) => {
          const { from, body: text } = (body ?? {}) as { from?: unknown; body?: unknown };
          const phone = mobilePhoneSchema.safeParse(from);
          if (!phone.success || typeof text !== 'string') {
            return {
              statusCode: 400,
              body: {
                error: 'ValidationError',
                issues: [
                  {
                    path: phone.success ? 'body' : 'from',
                    message: 'a mobile number in "from" and the SMS text in "body"',
                  },
                ],
              },
            };
          }
          await inbound(phone.data, text);
          await queue.drain();
          return { statusCode: 202, body: { delivered: true } };
        },
      },
    ],
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  // Read by the functions on first use, which comes after this.
  for (const [name, environment] of Object.entries(environments) as [
    FunctionName,
    Record<string, string>,
  ][]) {
    if (functions[name].needs.some((need) => 'parameter' in need && need.parameter === 'publicBaseUrl'))
      environment[VARIABLES.publicBaseUrl] = options.publicBaseUrl ?? baseUrl;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    outbox,
    attachments,
    accounts,
    officialAccounts,
    queue,
    smsEvents,
    workflow,
    activations,
    ports,
    inbound,
    stop: async () => {
      workflow.stopAll();
      activations.stopAll();
      outbox.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await dynamo?.stop();
    },
  };
};
