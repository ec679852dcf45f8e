import type * as z from 'zod';
import type { HELP_REQUESTS_READ, HELP_REQUESTS_WRITE } from '../http/oauth-scopes';
import type { Need } from './needs';

/** An API Gateway route: the API stack, the local runtime and the OpenAPI document are all built from these. */
export interface ApiTrigger {
  kind: 'api';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway resource path, `{name}` for path parameters. */
  path: string;
  summary: string;
  public?: boolean;
  /** Public routes that write: API Gateway throttles the method to the stage's `publicRegistrationThrottle`. */
  throttled?: boolean;
  body?: z.ZodType;
  response?: { status: number; schema?: z.ZodType };
  /** Municipal crisis software (Cognito machine clients) may call the route with this scope, besides users. */
  machineScope?: typeof HELP_REQUESTS_READ | typeof HELP_REQUESTS_WRITE;
}

/** A Lambda task of the lifecycle state machine, by its state's name. */
export interface TaskTrigger {
  kind: 'task';
  state: string;
  /** The task gets a token and the execution waits until something resumes it. */
  callback?: boolean;
}

/** An SQS queue feeding the function in batches, with partial batch responses. */
export interface QueueTrigger {
  kind: 'queue';
  queue: 'smsDispatch' | 'inboundReplay';
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

/** A CloudWatch Logs subscription filter on log groups the function is told about by the events themselves. */
export interface LogSubscriptionTrigger {
  kind: 'log-subscription';
  logs: 'smsDeliveryStatus';
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
  | LogSubscriptionTrigger
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
}

export const api = (route: Omit<ApiTrigger, 'kind'>): ApiTrigger => ({ kind: 'api', ...route });
