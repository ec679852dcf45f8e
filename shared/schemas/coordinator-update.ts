import * as z from 'zod';
import { idSchema } from './common';

export const coordinatorUpdateBodySchema = z
  .object({
    message: z.string().trim().min(1).max(160).meta({
      description:
        'sent as one SMS after a short prefix naming the Red Cross and the municipality; characters outside GSM-7 are transliterated, and a message that would not fit one part is refused (422 update-too-long, with the room left)',
    }),
  })
  .strict()
  .meta({ id: 'CoordinatorUpdateBody' });
export type CoordinatorUpdateBody = z.infer<typeof coordinatorUpdateBodySchema>;

export const coordinatorUpdateSchema = z
  .object({ updateId: idSchema, recipients: z.number().int(), sentAt: z.string() })
  .meta({ id: 'CoordinatorUpdate' });
export type CoordinatorUpdate = z.infer<typeof coordinatorUpdateSchema>;
