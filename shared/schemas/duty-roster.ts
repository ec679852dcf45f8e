import * as z from 'zod/mini';
import { mobilePhoneSchema } from './phone';

const coordinatorSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  phone: mobilePhoneSchema,
});

/** Who the tool alerts for every new help request: the on-duty coordinator, then the backups in order. */
export const putDutyRosterBodySchema = z
  .strictObject({
    onDuty: coordinatorSchema,
    backups: z._default(z.array(coordinatorSchema).check(z.maxLength(10)), []),
  })
  .register(z.globalRegistry, { id: 'DutyRoster' });
export type DutyRoster = z.infer<typeof putDutyRosterBodySchema>;

export const dutyRosterSchema = z.extend(putDutyRosterBodySchema, {
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StoredDutyRoster = z.infer<typeof dutyRosterSchema>;
