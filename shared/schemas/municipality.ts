import * as z from 'zod/mini';
import { nisCodeSchema } from './common';

export const putMunicipalityBodySchema = z
  .strictObject({
    neighbours: z._default(z.array(nisCodeSchema).check(z.maxLength(40)), []),
  })
  .register(z.globalRegistry, { id: 'PutMunicipalityBody' });
export type PutMunicipalityBody = z.infer<typeof putMunicipalityBodySchema>;

export const municipalitySchema = z
  .object({
    nis: nisCodeSchema,
    name: z.string(),
    nameFr: z.string(),
    arrondissement: z.string(),
    province: z.string(),
    neighbours: z.array(nisCodeSchema),
    joinedAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Municipality' });
export type Municipality = z.infer<typeof municipalitySchema>;
