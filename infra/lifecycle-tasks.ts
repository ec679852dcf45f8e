import { type FUNCTIONS, functionsTriggeredBy } from '../shared/manifest/functions';

type TaskOf<F> = F extends { trigger: { kind: 'task'; state: infer S } } ? S : never;

/** The state names of the lifecycle's Lambda tasks, as the manifest gives them. */
export type LifecycleTaskState = TaskOf<(typeof FUNCTIONS)[keyof typeof FUNCTIONS]>;

const TASKS = functionsTriggeredBy('task');

/**
 * The lifecycle's Lambda tasks by state name, from the manifest. The workflow stack builds one function per entry;
 * the local runtime maps each state of the synthesized definition to the same entry point.
 */
export const LIFECYCLE_TASKS = Object.fromEntries(
  TASKS.map(([, spec]) => [spec.trigger.state, spec.entry]),
) as Record<LifecycleTaskState, string>;

/** Callback states: the task gets a token and the execution waits until something resumes it. */
export const CALLBACK_STATES = TASKS.filter(([, spec]) => spec.trigger.callback).map(
  ([, spec]) => spec.trigger.state as LifecycleTaskState,
);

export const STATE_MACHINE_NAME_SUFFIX = 'lifecycle';
