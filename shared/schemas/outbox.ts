import * as z from 'zod/mini';

/** One SMS of a dry exercise, as the request's outbox keeps it instead of sending it: no phone number in full. */
export const outboxSmsSchema = z
  .object({
    at: z.string(),
    kind: z
      .string()
      .check(z.meta({ description: 'what the SMS is: `alert`, `stand-down`, `coordinator`, `update` …' })),
    recipient: z.string().check(
      z.meta({
        description:
          'who it was for: a member’s id, `coordinator level 0`, `spontaneous volunteer` …; never a phone number',
      }),
    ),
    to: z.string().check(z.meta({ description: 'the phone number it would have gone to, masked' })),
    body: z.string(),
    parts: z.int().check(z.meta({ description: 'the message parts it would have cost' })),
  })
  .register(z.globalRegistry, { id: 'OutboxSms' });
export type OutboxSms = z.infer<typeof outboxSmsSchema>;

export const outboxPageSchema = z
  .object({ sms: z.array(outboxSmsSchema), next: z.optional(z.string()) })
  .register(z.globalRegistry, {
    id: 'OutboxPage',
    description: 'the SMS a dry exercise kept instead of sending, oldest first; `next` when more exist',
  });
export type OutboxPage = z.infer<typeof outboxPageSchema>;
