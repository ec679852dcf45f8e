import type { ActivationInput } from '../schemas/activation';
import type { LifecycleInput } from '../schemas/lifecycle';

/** The lifecycle state machine, as the API and the workflow tasks see it. */
export interface Workflow {
  /** Starts the request's execution; the execution name is the request id, so a repeat is harmless. */
  start(input: LifecycleInput): Promise<void>;
  /** Resumes a waiting callback task (AwaitClose, coordinator acknowledgement). */
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
}

/** The activation state machine: mobilises the corps an activation adds, each on its own, after the API answered. */
export interface ActivationWorkflow {
  /** Starts the activation's execution, named after it: a repeat is harmless. */
  start(input: ActivationInput): Promise<void>;
}
