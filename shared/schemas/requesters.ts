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
