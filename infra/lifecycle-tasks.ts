import { type FUNCTIONS, functionsTriggeredBy } from '../shared/manifest/functions';

type TaskOf<F> = F extends { trigger: { kind: 'task'; state: infer S } } ? S : never;

/** The state names of the state machines' Lambda tasks, as the manifest gives them. */
export type TaskState = TaskOf<(typeof FUNCTIONS)[keyof typeof FUNCTIONS]>;

const TASKS = functionsTriggeredBy('task');

/** The Lambda tasks of one state machine by state name: the entry point each state invokes. */
const tasksOf = (machine: 'lifecycle' | 'activation') =>
  Object.fromEntries(
    TASKS.filter(([, spec]) => (spec.trigger.machine ?? 'lifecycle') === machine).map(([, spec]) => [
      spec.trigger.state,
      spec.entry,
    ]),
  ) as Record<TaskState, string>;

/**
 * The lifecycle's Lambda tasks by state name, from the manifest. The workflow stack builds one function per entry;
 * the local runtime maps each state of the synthesized definition to the same entry point.
 */
export const LIFECYCLE_TASKS = tasksOf('lifecycle');

/** The activation's Lambda tasks by state name. */
export const ACTIVATION_TASKS = tasksOf('activation');

/** Callback states: the task gets a token and the execution waits until something resumes it. */
export const CALLBACK_STATES = TASKS.filter(([, spec]) => spec.trigger.callback).map(
  ([, spec]) => spec.trigger.state as TaskState,
);

export const STATE_MACHINE_NAME_SUFFIX = 'lifecycle';
export const ACTIVATION_STATE_MACHINE_NAME_SUFFIX = 'activation';
