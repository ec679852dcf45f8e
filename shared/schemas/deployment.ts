import * as z from 'zod/mini';
import { idSchema } from './common';

export const checkInOutBodySchema = z
  .strictObject({ volunteerId: idSchema })
  .register(z.globalRegistry, { id: 'CheckInOutBody' });
export type CheckInOutBody = z.infer<typeof checkInOutBodySchema>;

/** A volunteer's deployment on one request: insured while checked in; minutes add up over check-in periods. */
export const deploymentSchema = z
  .object({
    requestId: idSchema,
    volunteerId: idSchema,
    /** Set while the volunteer is on site (and covered). */
    onSiteSince: z.optional(z.string()),
    /** The municipality of the help request, and whether the volunteer came through the spontaneous call. */
    municipality: z.optional(z.string()),
    spontaneous: z.optional(z.boolean()),
    /** On site for a drill: its hours count as exercise, and a member is credited with the simulation exercise. */
    exercise: z.optional(z.boolean()),
    minutes: z.int(),
    periods: z.array(z.object({ from: z.string(), to: z.string() })),
  })
  .register(z.globalRegistry, { id: 'Deployment' });
export type Deployment = z.infer<typeof deploymentSchema>;
