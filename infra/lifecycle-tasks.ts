/**
 * The lifecycle's Lambda tasks by state name. The workflow stack builds one function per entry; the local
 * runtime maps each state of the synthesized definition to the same entry point.
 */
export const LIFECYCLE_TASKS = {
  AlertCoordinator: 'functions/workflow/alert-coordinator.ts',
  RosterExhausted: 'functions/workflow/roster-exhausted.ts',
  Mobilise: 'functions/workflow/mobilise.ts',
  AwaitResponses: 'functions/workflow/await-responses.ts',
  EvaluateResponses: 'functions/workflow/evaluate-responses.ts',
  WidenScope: 'functions/workflow/widen-scope.ts',
  ShortfallAlert: 'functions/workflow/shortfall-alert.ts',
  AwaitClose: 'functions/workflow/await-close.ts',
  StandDown: 'functions/workflow/stand-down.ts',
  PurgeAdHocData: 'functions/workflow/purge-ad-hoc-data.ts',
  Recover: 'functions/workflow/recover.ts',
  PurgeFailed: 'functions/workflow/purge-failed.ts',
} as const;

export type LifecycleTaskState = keyof typeof LIFECYCLE_TASKS;

/** Callback states: the task gets a token and the execution waits until something resumes it. */
export const CALLBACK_STATES: readonly LifecycleTaskState[] = [
  'AlertCoordinator',
  'AwaitResponses',
  'AwaitClose',
];

export const STATE_MACHINE_NAME_SUFFIX = 'lifecycle';
