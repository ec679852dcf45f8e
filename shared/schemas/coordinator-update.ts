import * as z from 'zod/mini';
import { idSchema } from './common';

export const coordinatorUpdateBodySchema = z
  .strictObject({
    message: z.string().check(
      z.trim(),
      z.minLength(1),
      z.maxLength(160),
      z.meta({
        description:
          'sent as one SMS after a short prefix naming the Red Cross and the municipality; characters outside GSM-7 are transliterated, and a message that would not fit one part is refused (422 update-too-long, with the room left)',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'CoordinatorUpdateBody' });
export type CoordinatorUpdateBody = z.infer<typeof coordinatorUpdateBodySchema>;

export const coordinatorUpdateSchema = z
  .object({ updateId: idSchema, recipients: z.int(), sentAt: z.string() })
  .register(z.globalRegistry, { id: 'CoordinatorUpdate' });
export type CoordinatorUpdate = z.infer<typeof coordinatorUpdateSchema>;
