import * as z from 'zod';

/** The path's `{year}`: a calendar year. */
export const annualReportPathSchema = z.object({
  year: z.coerce
    .number({ message: 'a calendar year, e.g. 2025' })
    .int('a calendar year, e.g. 2025')
    .min(2000, 'a calendar year, e.g. 2025')
    .max(9999, 'a calendar year, e.g. 2025'),
});

export const annualReportQuerySchema = z.object({
  format: z
    .enum(['json', 'csv', 'svg'])
    .default('json')
    .meta({ description: 'json (default), csv (a download) or svg (a chart)' }),
});
export type AnnualReportQuery = z.infer<typeof annualReportQuerySchema>;

/** Targets and unit prices: configuration (environment), echoed in every report so its amounts can be checked. */
export const reportConfigSchema = z
  .object({
    targets: z.object({
      start: z.number().int().positive().meta({ description: 'volunteers trained at the start (500)' }),
      startYear: z.number().int(),
      legislature: z.number().int().positive().meta({ description: 'over the legislature (15,000)' }),
      legislatureStartYear: z.number().int(),
    }),
    unitPrices: z
      .object({ basic: z.number().min(0), refresher: z.number().min(0), simulation: z.number().min(0) })
      .meta({ description: 'euro per funded course: the variable part of the subsidy' }),
  })
  .meta({ id: 'ReportConfig' });
export type ReportConfig = z.infer<typeof reportConfigSchema>;

const count = z.number().int().min(0);

export const figuresSchema = z
  .object({
    corps: z.object({
      members: count.meta({ description: 'at the end of the year: joins minus leaves up to then' }),
      operationalCorps: count.meta({
        description: 'corps with 10 members or more (0 or 1 for a municipality)',
      }),
      fundedMembers: count,
      ownCostMembers: count,
      joined: count,
      left: count.meta({ description: 'members who left (erased) during the year' }),
    }),
    trainings: z.object({
      basicFunded: count,
      basicNotFundedPriorCertificate: count,
      basicNotFundedRepeat: count,
      refreshers: count,
      refreshersFunded: count,
      simulations: count,
      simulationsFunded: count,
      trainedInLegislature: count.meta({
        description: 'first basic courses (funded, or after a prior certificate) since the legislature began',
      }),
    }),
    helpRequests: z.object({
      total: count,
      api: count,
      phone: count,
      medianMinutesToFirstAcceptance: z.number().nullable(),
    }),
    deployments: z.object({
      count: count.meta({ description: 'coverage periods (check-in to check-out) that ended in the year' }),
      volunteerMinutes: count,
      volunteerHours: z.number(),
      byMonth: z.array(count).length(12),
    }),
    spontaneous: z.object({
      registered: count,
      minors: count,
      deployments: count,
      volunteerHours: z.number(),
    }),
    exercises: z
      .object({
        held: count.meta({
          description: 'drills launched in the year (`exercise: true`), dry ones included',
        }),
        dry: count.meta({ description: 'of which dry: no SMS reached a phone' }),
        deployments: count,
        volunteerHours: z.number(),
        spontaneousRegistered: count,
      })
      .meta({
        description:
          'drills, counted apart: they are never among the help requests, deployments or spontaneous volunteers above',
      }),
    subsidy: z.object({
      basicEur: z.number(),
      refresherEur: z.number(),
      simulationEur: z.number(),
      variableEur: z.number(),
    }),
  })
  .meta({ id: 'ReportFigures' });
export type Figures = z.infer<typeof figuresSchema>;

export const annualReportSchema = z
  .object({
    year: z.number().int(),
    config: reportConfigSchema,
    progress: z.object({
      trainedInLegislature: count,
      targets: z.array(z.object({ name: z.string(), target: z.number(), percent: z.number() })),
    }),
    flanders: figuresSchema,
    provinces: z.array(figuresSchema.extend({ province: z.string() })),
    municipalities: z.array(
      figuresSchema.extend({ nis: z.string(), name: z.string(), province: z.string() }),
    ),
  })
  .meta({ id: 'AnnualReport' });
export type AnnualReport = z.infer<typeof annualReportSchema>;
