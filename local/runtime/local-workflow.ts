import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { withWaveWindow } from '../../shared/domain/waves';
import type { LifecycleInput } from '../../shared/schemas/lifecycle';
import type { Workflow } from '../../shared/workflow/ports';
import { type AnyHandler, lambdaContext } from './lambda-context';

export interface LocalExecution {
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  /** Task states in the order they ran. */
  tasks: string[];
  output?: unknown;
  error?: string;
  done: Promise<void>;
}

type JsonObject = Record<string, unknown>;

/**
 * Runs the synthesized lifecycle definition with aws-local-stepfunctions. Task states are mapped by name to the
 * same handlers Lambda runs; a callback (.waitForTaskToken) task gets a fresh token and waits for `resume`.
 */
export class LocalWorkflow implements Workflow {
  readonly executions = new Map<string, LocalExecution>();
  /** States entered by every execution so far: what Step Functions bills as state transitions. */
  stateTransitions = 0;
  /**
   * Faults the tests inject: the next `times` invocations of a task state (those whose input `matches`) fail with
   * `error` before its handler runs.
   */
  readonly faults = new Map<string, { times: number; error: Error; matches: (input: unknown) => boolean }>();
  private readonly waiting = new Map<string, (output: JsonObject) => void>();
  private readonly aborts = new Set<() => void>();

  constructor(
    private readonly definition: JsonObject,
    private readonly tasks: () => Record<string, AnyHandler>,
    private readonly callbackStates: readonly string[],
    private readonly onFailure: (execution: LocalExecution) => void = () => undefined,
    /** Milliseconds instead of the definition's retry intervals and fixed waits (the tests' fault paths). */
    private readonly pace: { retryMs?: number; waits?: Record<string, number> } = {},
  ) {}

  /**
   * Makes the next `times` invocations of the task state `state` fail, as a crashed or throttled Lambda would; only
   * those whose input `matches`, when given (one corps of an activation's Map).
   */
  failTask(
    state: string,
    times: number,
    error = Object.assign(new Error('injected'), { name: 'InjectedFault' }),
    matches: (input: unknown) => boolean = () => true,
  ) {
    this.faults.set(state, { times, error, matches });
  }

  async start(input: LifecycleInput): Promise<void> {
    this.run(input.requestId, withWaveWindow(input));
  }

  /** Starts an execution under `name`; execution names are idempotent, as in Step Functions. */
  run(name: string, input: object): void {
    if (this.executions.has(name)) return;
    const execution: LocalExecution = {
      name,
      status: 'RUNNING',
      tasks: [],
      done: Promise.resolve(),
    };
    const overrides = Object.fromEntries(
      Object.entries(this.tasks()).map(([state, handler]) => [
        state,
        this.taskFor(state, handler, execution),
      ]),
    );
    const machine = new StateMachine(this.definition as never, { validationOptions: { checkArn: false } });
    const run = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: overrides,
        ...(this.pace.retryMs === undefined
          ? {}
          : {
              retryIntervalOverrides: Object.fromEntries(
                Object.keys(overrides).map((state) => [state, this.pace.retryMs as number]),
              ),
            }),
        ...(this.pace.waits ? { waitTimeOverrides: this.pace.waits } : {}),
      },
      context: {
        Execution: {
          Id: `local:${name}`,
          Name: name,
          Input: input,
          StartTime: new Date().toISOString(),
        },
        Task: { Token: 'replaced-per-callback-task' },
      } as never,
      noThrowOnAbort: true,
    });
    this.aborts.add(run.abort);
    void (async () => {
      for await (const event of run.eventLogs) if (event.type === 'StateEntered') this.stateTransitions++;
    })();
    execution.done = run.result.then(
      (output) => {
        execution.status = output === null ? 'ABORTED' : 'SUCCEEDED';
        execution.output = output;
      },
      (error: Error) => {
        execution.status = 'FAILED';
        execution.error = `${error.name}: ${error.message}`;
        this.onFailure(execution);
      },
    );
    void execution.done.finally(() => this.aborts.delete(run.abort));
    this.executions.set(name, execution);
  }

  async resume(taskToken: string, output: JsonObject): Promise<void> {
    const resolve = this.waiting.get(taskToken);
    // Nothing waits for this token any more (timed out or resumed before), as SendTaskSuccess would report.
    if (!resolve) return;
    this.waiting.delete(taskToken);
    resolve(output);
  }

  /** Stops every running execution (Ctrl-C, end of a test). */
  stopAll(): void {
    for (const abort of this.aborts) abort();
    // A callback task still waiting keeps its TimeoutSeconds timer, and so the process, alive; the aborted execution
    // never uses what it is resumed with.
    for (const resolve of this.waiting.values()) resolve({});
    this.waiting.clear();
  }

  private taskFor(state: string, handler: AnyHandler, execution: LocalExecution) {
    const callback = this.callbackStates.includes(state);
    return async (input: unknown) => {
      execution.tasks.push(state);
      const fault = this.faults.get(state);
      if (fault && fault.times > 0 && fault.matches(input)) {
        fault.times--;
        throw fault.error;
      }
      if (!callback) return handler(input, lambdaContext(state));
      const { Payload } = input as { Payload: JsonObject };
      const taskToken = randomUUID();
      const resumed = new Promise<JsonObject>((resolve) => this.waiting.set(taskToken, resolve));
      await handler({ ...Payload, taskToken }, lambdaContext(state));
      return resumed;
    };
  }
}
