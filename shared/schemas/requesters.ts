import * as z from 'zod';

export const putRequestersBodySchema = z
  .object({
    requesters: z
      .array(z.string().trim().min(1).max(128).meta({ description: "the official's token subject (sub)" }))
      .max(200)
      .refine((subs) => new Set(subs).size === subs.length, 'each official once'),
  })
  .strict()
  .meta({ id: 'PutRequestersBody' });
export type PutRequestersBody = z.infer<typeof putRequestersBodySchema>;

/** A named requester: an invited official by name and e-mail; a machine client or an account made by hand by sub only. */
export const requesterPersonSchema = z
  .object({
    sub: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
  })
  .meta({ id: 'Requester' });

export const requestersSchema = z
  .object({
    requesters: z.array(z.string()).meta({ description: 'the subs allowed to launch, as PUT sets them' }),
    people: z.array(requesterPersonSchema).meta({
      description: 'the same list in the same order, with the name and e-mail of invited officials',
    }),
  })
  .meta({ id: 'Requesters' });
export type Requesters = z.infer<typeof requestersSchema>;
