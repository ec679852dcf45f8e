import * as z from 'zod';
import { idSchema } from './common';

export const checkInOutBodySchema = z
  .object({ volunteerId: idSchema })
  .strict()
  .meta({ id: 'CheckInOutBody' });
export type CheckInOutBody = z.infer<typeof checkInOutBodySchema>;

/** A volunteer's deployment on one request: insured while checked in; minutes add up over check-in periods. */
export const deploymentSchema = z
  .object({
    requestId: idSchema,
    volunteerId: idSchema,
    /** Set while the volunteer is on site (and covered). */
    onSiteSince: z.string().optional(),
    /** The municipality of the help request, and whether the volunteer came through the spontaneous call. */
    municipality: z.string().optional(),
    spontaneous: z.boolean().optional(),
    /** On site for a drill: its hours count as exercise, and a member is credited with the simulation exercise. */
    exercise: z.boolean().optional(),
    minutes: z.number().int(),
    periods: z.array(z.object({ from: z.string(), to: z.string() })),
  })
  .meta({ id: 'Deployment' });
export type Deployment = z.infer<typeof deploymentSchema>;
