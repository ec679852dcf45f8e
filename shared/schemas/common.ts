import * as z from 'zod/mini';
import './locale';

/*
 * The schemas are zod/mini. Metadata for the OpenAPI document: a field's description goes on a copy,
 * `.check(z.meta({ description }))`, so shared schemas such as nisCodeSchema stay as they are; a component's `id` is
 * registered on the object schema built right there, `.register(z.globalRegistry, { id })`, because z.extend and z.pick
 * would carry a meta check, id and all, into the schemas made from it (and z.pick refuses an object with checks).
 */

export const nisCodeSchema = z
  .string()
  .check(
    z.regex(/^\d{5}$/, 'a NIS code has 5 digits'),
    z.meta({ description: '5-digit NIS code of a Flemish municipality', example: '44021' }),
  );

export const idSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a valid id'));

/** Calendar date YYYY-MM-DD that exists (rejects 2025-02-30). */
export const isoDateSchema = z.iso.date({ message: 'a date as YYYY-MM-DD' });

/** Free text a person writes: trimmed, not empty, bounded. */
export const textSchema = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const smsLanguageSchema = z._default(z.enum(['nl', 'fr', 'en']), 'nl');

/** Text that may not be JSON (an event from outside), for a zod safeParse to judge. */
export const parseJsonOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The kinds of task a help request asks volunteers for. */
export const TASKS = ['logistics', 'operational', 'medical'] as const;
export type Task = (typeof TASKS)[number];

/** A volunteer's skills: the three task kinds, and finer-grained ones coordinators select on. */
export const SKILLS = [
  ...TASKS,
  'first-aid',
  'psychosocial-support',
  'driving-licence-b',
  'driving-licence-c',
  'sandbagging',
  'chainsaw',
  'catering',
  'interpreting',
  'it-support',
] as const;
