import * as z from 'zod/mini';

export const putRequestersBodySchema = z
  .strictObject({
    requesters: z
      .array(
        z
          .string()
          .check(
            z.trim(),
            z.minLength(1),
            z.maxLength(128),
            z.meta({ description: "the official's token subject (sub)" }),
          ),
      )
      .check(
        z.maxLength(200),
        z.refine((subs) => new Set(subs).size === subs.length, 'each official once'),
      ),
  })
  .register(z.globalRegistry, { id: 'PutRequestersBody' });
export type PutRequestersBody = z.infer<typeof putRequestersBodySchema>;

/** A named requester: an invited official by name and e-mail; a machine client or an account made by hand by sub only. */
export const requesterPersonSchema = z
  .object({
    sub: z.string(),
    name: z.optional(z.string()),
    email: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Requester' });

export const requestersSchema = z
  .object({
    requesters: z
      .array(z.string())
      .check(z.meta({ description: 'the subs allowed to launch, as PUT sets them' })),
    people: z.array(requesterPersonSchema).check(
      z.meta({
        description: 'the same list in the same order, with the name and e-mail of invited officials',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Requesters' });
export type Requesters = z.infer<typeof requestersSchema>;
