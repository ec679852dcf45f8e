import * as z from 'zod';
import { nisCodeSchema } from './common';

export const putMunicipalityBodySchema = z
  .object({
    neighbours: z.array(nisCodeSchema).max(40).default([]),
  })
  .strict()
  .meta({ id: 'PutMunicipalityBody' });
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
  .meta({ id: 'Municipality' });
export type Municipality = z.infer<typeof municipalitySchema>;
