import * as z from 'zod';
import { mobilePhoneSchema } from './phone';

const coordinatorSchema = z
  .object({ name: z.string().trim().min(1).max(120), phone: mobilePhoneSchema })
  .strict();

/** Who the tool alerts for every new help request: the on-duty coordinator, then the backups in order. */
export const putDutyRosterBodySchema = z
  .object({ onDuty: coordinatorSchema, backups: z.array(coordinatorSchema).max(10).default([]) })
  .strict()
  .meta({ id: 'DutyRoster' });
export type DutyRoster = z.infer<typeof putDutyRosterBodySchema>;

export const dutyRosterSchema = putDutyRosterBodySchema.extend({
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StoredDutyRoster = z.infer<typeof dutyRosterSchema>;
