import * as z from 'zod';
import type { FundedPlaces } from './domain/corps';
import { type OriginationPool, originationPoolSchema } from './schemas/sms-job';

/**
 * Parses the environment variables one part of the system needs, once, and fails fast naming each missing one.
 * Each adapter declares its own schema, so a function is only configured with what it uses.
 */
export const parseEnv = <S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env) => {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const names = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${names}`);
  }
  return result.data;
};

/** Memoises a factory so clients and parsed configuration are built once per cold start, on first use. */
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
export const parseOriginationPool = (env: NodeJS.ProcessEnv = process.env): OriginationPool => {
  const { SMS_ORIGINATION_NUMBERS, SMS_PARTS_PER_SECOND } = parseEnv(
    { SMS_ORIGINATION_NUMBERS: z.string().default(''), SMS_PARTS_PER_SECOND: z.coerce.number().optional() },
    env,
  );
  const pool = originationPoolSchema.safeParse({
    numbers: SMS_ORIGINATION_NUMBERS.split(',').filter(Boolean),
    partsPerSecond: SMS_PARTS_PER_SECOND,
  });
  if (!pool.success) {
    const names = pool.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: SMS_ORIGINATION_NUMBERS/SMS_PARTS_PER_SECOND: ${names}`);
  }
  return pool.data;
};

/** CORPS_FUNDED_PLACES: a JSON object of years and the places Flanders funds per corps from then on. */
export const parseFundedPlaces = (env: NodeJS.ProcessEnv = process.env): FundedPlaces =>
  parseEnv(
    {
      CORPS_FUNDED_PLACES: z
        .string()
        .default('{}')
        .transform((text, ctx) => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            ctx.addIssue({ code: 'custom', message: 'a JSON object such as {"2027":100}' });
            return z.NEVER;
          }
        })
        .pipe(z.record(z.string().regex(/^\d{4}$/, 'a year'), z.number().int().min(0))),
    },
    env,
  ).CORPS_FUNDED_PLACES;

export const fundedPlaces = once(() => parseFundedPlaces());
