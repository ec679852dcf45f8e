import type * as z from 'zod/mini';
import type { HELP_REQUESTS_READ, HELP_REQUESTS_WRITE } from '../http/oauth-scopes';
import type { Need } from './needs';

/** The groups of operations in the OpenAPI document (its `tags`), one per resource, with what they are about. */
export const API_TAGS = {
  system: 'liveness and this contract',
  municipalities: 'municipalities joining, their profile and the officials who may launch requests',
  volunteers: 'the members of a corps',
  trainings: 'courses of members and groups, and the providers that give them',
  groups: 'groups (scouts, Chiro) that join a corps together',
  'duty roster': 'who coordinates, 24/7',
  'help requests': 'launching, following and closing help requests',
  'spontaneous call': "citizens who register for one request from the call's public page",
  claims: 'insurance claims of volunteers',
  reports: 'the yearly report to the Flemish Government',
} as const;
export type ApiTag = keyof typeof API_TAGS;

/** Bodies other than JSON a route may answer instead, chosen by a query parameter (the annual report's `format`). */
export type FileContentType = 'text/csv' | 'image/svg+xml';

/** A route's success: 204 with no body, or a status with the schema of its JSON body. */
export type ApiResponse =
  | { status: 204 }
  | {
      status: 200 | 201 | 202;
      schema: z.ZodMiniType;
      /** A second success status with the same body (a repeated call answered 200 where the first got 201). */
      alsoStatus?: 200;
      /** The same answer as a file, in these content types. */
      files?: readonly FileContentType[];
    };

/** An API Gateway route: the API stack, the local runtime and the OpenAPI document are all built from these. */
export interface ApiTrigger {
  kind: 'api';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway resource path, `{name}` for path parameters. */
  path: string;
  summary: string;
  /** The group of the operation in the OpenAPI document. */
  tag: ApiTag;
  public?: boolean;
  /**
   * Public routes that write: API Gateway throttles the method to the stage's `publicRegistrationThrottle`, the web
   * ACL challenges it, and its preflight admits AWS WAF's token header.
   */
  throttled?: boolean;
  body?: z.ZodMiniType;
  /** The query string's parameters: the handler validates with this very schema (apiHandler's `query`). */
  query?: z.ZodMiniObject;
  /** A GET answered with an ETag, and 304 to a matching If-None-Match (apiHandler's `conditional`). */
  conditional?: true;
  response: ApiResponse;
  /** Municipal crisis software (Cognito machine clients) may call the route with this scope, besides users. */
  machineScope?: typeof HELP_REQUESTS_READ | typeof HELP_REQUESTS_WRITE;
}

/** A Lambda task of a state machine (the lifecycle unless named), by its state's name. */
export interface TaskTrigger {
  kind: 'task';
  machine?: 'activation';
  state: string;
  /** The task gets a token and the execution waits until something resumes it. */
  callback?: boolean;
}

/** An SQS queue feeding the function in batches, with partial batch responses. */
export interface QueueTrigger {
  kind: 'queue';
  queue: 'smsDispatch' | 'smsEvents' | 'inboundReplay';
  batchSize: number;
  /** Receives before a message is dead-lettered (the redrive policy); absent, it stays until it expires. */
  maxReceives?: number;
  visibilityTimeoutSeconds: number;
}

/** An SNS topic invoking the function asynchronously. */
export interface TopicTrigger {
  kind: 'topic';
  topic: 'inboundSms';
}

/** An EventBridge schedule, in UTC. */
export interface ScheduleTrigger {
  kind: 'schedule';
  description: string;
  cron: { minute: string; hour: string };
}

export interface CognitoTrigger {
  kind: 'cognito';
  operation: 'pre-token-generation';
}

export type Trigger =
  | ApiTrigger
  | TaskTrigger
  | QueueTrigger
  | TopicTrigger
  | ScheduleTrigger
  | CognitoTrigger;

export interface FunctionSpec {
  /** The Lambda entry point, from the project root: it exports `makeHandler(ports)` and `handler`. */
  entry: string;
  trigger: Trigger;
  /** Lambda's timeout; 29 seconds (API Gateway's own) unless said. */
  timeoutSeconds?: number;
  /** Everything the function may touch: infra grants exactly this, and its handler's ports follow from it. */
  needs: readonly Need[];
  /**
   * `runtime` leaves the AWS SDK to the Lambda runtime's copy for a function that loads its client on some calls
   * only: bundled, every cold start would read and compile it. Bundled otherwise (faster: README, Performance).
   */
  awsSdk?: 'runtime';
}

export const api = (route: Omit<ApiTrigger, 'kind'>): ApiTrigger => ({ kind: 'api', ...route });
