// The one module on zod's classic API: zod-to-openapi needs it (below). Never imported by a function's code.
import * as classic from 'zod';
import type * as z from 'zod/mini';

/*
 * Our schemas are zod/mini (tree-shakable: a function bundles the validators it uses, not all of zod). zod-to-openapi
 * 9 reads classic schemas only: besides their definitions it calls their methods and getters (`.meta()`,
 * `.unwrap()`, `.minLength`, `.format`). zod/mini and classic share zod's core, so a mini schema's definition builds
 * its classic twin as is: the same checks, defaults and transforms, and the same metadata. The OpenAPI document is
 * generated at build time (npm run openapi), so only the generator pays for classic zod.
 */

type Classic = classic.ZodType;
const twins = new WeakMap<z.ZodMiniType, Classic>();

const isSchema = (value: unknown): value is z.ZodMiniType =>
  typeof value === 'object' && value !== null && '_zod' in value;

/** A definition's parts, each schema in it (inner types, pipe ends, options, an object's shape) swapped for its twin. */
const twinOf = (value: unknown): unknown => {
  if (isSchema(value)) return toClassic(value);
  if (Array.isArray(value)) return value.map(twinOf);
  if (typeof value === 'object' && value !== null && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([key, part]) => [key, twinOf(part)]));
  }
  return value;
};

/** The classic schema with `schema`'s definition and metadata (ZodMiniString → ZodString, …). */
export function toClassic(schema: z.ZodMiniObject): classic.ZodObject;
export function toClassic(schema: z.ZodMiniType): Classic;
export function toClassic(schema: z.ZodMiniType): Classic {
  const known = twins.get(schema);
  if (known) return known;
  const name = schema._zod.constr.name.replace(/^ZodMini/, 'Zod');
  const Twin = (classic as unknown as Record<string, new (def: unknown) => Classic>)[name];
  if (!Twin) throw new Error(`no classic zod schema for ${schema._zod.constr.name}`);
  // The checks stay as they are (they are core's); every other part of the definition is rebuilt.
  const { checks, ...parts } = schema._zod.def;
  let twin = new Twin({ ...(twinOf(parts) as object), checks });
  // Metadata as classic `.meta()` leaves it, on a copy whose parent is the schema: zod-to-openapi reads a component's
  // `id` only so.
  const metadata = classic.globalRegistry.get(schema);
  if (metadata) twin = twin.meta(metadata);
  twins.set(schema, twin);
  return twin;
}
