import { AsyncLocalStorage } from 'node:async_hooks';
import * as z from 'zod/mini';
import './schemas/locale';
import type { FundedPlaces } from './domain/corps';
import { VARIABLES } from './manifest/environment';
import { type OriginationPool, originationPoolSchema } from './schemas/sms-job';

type Environment = NodeJS.ProcessEnv;

const environments = new AsyncLocalStorage<Environment>();

/**
 * The environment of the function that is running. In Lambda each process is one function: `process.env`. The local
 * runtime hosts every function in one process, so it runs each one's loading and invocations inside the environment
 * its manifest entry grants (withEnvironment), and a variable left out fails there as it would in Lambda.
 */
export const functionEnvironment = (): Environment => environments.getStore() ?? process.env;

export const withEnvironment = <T>(environment: Environment, run: () => T): T =>
  environments.run(environment, run);

/** Memoises configuration per function environment: once per cold start in Lambda, once per function locally. */
export const oncePerEnvironment = <T>(factory: (environment: Environment) => T): (() => T) => {
  const values = new WeakMap<Environment, T>();
  return () => {
    const environment = functionEnvironment();
    if (!values.has(environment)) values.set(environment, factory(environment));
    return values.get(environment) as T;
  };
};

/**
 * Parses the environment variables one part of the system needs, once, and fails fast naming each missing one.
 * Each adapter declares its own schema, so a function is only configured with what it uses.
 */
export const parseEnv = <S extends z.core.$ZodShape>(shape: S, env: Environment = functionEnvironment()) => {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const names = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${names}`);
  }
  return result.data;
};

/** One environment variable, parsed by its schema, failing fast with its name. */
export const readVariable = <S extends z.ZodMiniType>(
  name: string,
  schema: S,
  env: Environment = functionEnvironment(),
): z.output<S> => parseEnv({ [name]: schema }, env)[name] as z.output<S>;

/** Memoises a factory so clients are built once per cold start, on first use. */
export const once = <T>(factory: () => T): (() => T) => {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = factory();
      built = true;
    }
    return value as T;
  };
};

/** Comma-separated E.164 numbers, as CDK sets them (an environment variable holds no list). */
export const parseOriginationPool = (env: Environment = functionEnvironment()): OriginationPool => {
  const { smsOriginationNumbers, smsPartsPerSecond } = VARIABLES;
  const parsed = parseEnv(
    {
      [smsOriginationNumbers]: z._default(z.string(), ''),
      [smsPartsPerSecond]: z.optional(z.coerce.number()),
    },
    env,
  );
  const pool = originationPoolSchema.safeParse({
    numbers: (parsed[smsOriginationNumbers] as string).split(',').filter(Boolean),
    partsPerSecond: parsed[smsPartsPerSecond],
  });
  if (!pool.success) {
    const names = pool.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: SMS_ORIGINATION_NUMBERS/SMS_PARTS_PER_SECOND: ${names}`);
  }
  return pool.data;
};

/** CORPS_FUNDED_PLACES: a JSON object of years and the places Flanders funds per corps from then on. */
export const parseFundedPlaces = (env: Environment = functionEnvironment()): FundedPlaces =>
  readVariable(
    VARIABLES.fundedPlaces,
    z.pipe(
      z.pipe(
        z._default(z.string(), '{}'),
        z.transform((text: string, ctx) => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            ctx.issues.push({ code: 'custom', message: 'a JSON object such as {"2027":100}', input: text });
            return z.NEVER;
          }
        }),
      ),
      z.record(z.string().check(z.regex(/^\d{4}$/, 'a year')), z.int().check(z.minimum(0))),
    ),
    env,
  );

export const fundedPlaces = oncePerEnvironment(parseFundedPlaces);
