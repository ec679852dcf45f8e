import * as z from 'zod/mini';

/** The path's `{year}`: a calendar year. */
export const annualReportPathSchema = z.object({
  year: z.coerce
    .number({ message: 'a calendar year, e.g. 2025' })
    .check(
      z.int('a calendar year, e.g. 2025'),
      z.minimum(2000, 'a calendar year, e.g. 2025'),
      z.maximum(9999, 'a calendar year, e.g. 2025'),
    ),
});

export const annualReportQuerySchema = z.object({
  format: z
    ._default(z.enum(['json', 'csv', 'svg']), 'json')
    .check(z.meta({ description: 'json (default), csv (a download) or svg (a chart)' })),
});
export type AnnualReportQuery = z.infer<typeof annualReportQuerySchema>;

/** Targets and unit prices: configuration (environment), echoed in every report so its amounts can be checked. */
export const reportConfigSchema = z
  .object({
    targets: z.object({
      start: z.int().check(z.positive(), z.meta({ description: 'volunteers trained at the start (500)' })),
      startYear: z.int(),
      legislature: z.int().check(z.positive(), z.meta({ description: 'over the legislature (15,000)' })),
      legislatureStartYear: z.int(),
    }),
    unitPrices: z
      .object({
        basic: z.number().check(z.minimum(0)),
        refresher: z.number().check(z.minimum(0)),
        simulation: z.number().check(z.minimum(0)),
      })
      .check(z.meta({ description: 'euro per funded course: the variable part of the subsidy' })),
  })
  .register(z.globalRegistry, { id: 'ReportConfig' });
export type ReportConfig = z.infer<typeof reportConfigSchema>;

const count = z.int().check(z.minimum(0));

export const figuresSchema = z
  .object({
    corps: z.object({
      members: count.check(z.meta({ description: 'at the end of the year: joins minus leaves up to then' })),
      operationalCorps: count.check(
        z.meta({
          description: 'corps with 10 members or more (0 or 1 for a municipality)',
        }),
      ),
      fundedMembers: count,
      ownCostMembers: count,
      joined: count,
      left: count.check(z.meta({ description: 'members who left (erased) during the year' })),
    }),
    trainings: z.object({
      basicFunded: count,
      basicNotFundedPriorCertificate: count,
      basicNotFundedRepeat: count,
      refreshers: count,
      refreshersFunded: count,
      simulations: count,
      simulationsFunded: count,
      trainedInLegislature: count.check(
        z.meta({
          description:
            'first basic courses (funded, or after a prior certificate) since the legislature began',
        }),
      ),
    }),
    helpRequests: z.object({
      total: count,
      api: count,
      phone: count,
      medianMinutesToFirstAcceptance: z.nullable(z.number()),
    }),
    deployments: z.object({
      count: count.check(
        z.meta({ description: 'coverage periods (check-in to check-out) that ended in the year' }),
      ),
      volunteerMinutes: count,
      volunteerHours: z.number(),
      byMonth: z.array(count).check(z.length(12)),
    }),
    spontaneous: z.object({
      registered: count,
      minors: count,
      deployments: count,
      volunteerHours: z.number(),
    }),
    exercises: z
      .object({
        held: count.check(
          z.meta({ description: 'drills launched in the year (`exercise: true`), dry ones included' }),
        ),
        dry: count.check(z.meta({ description: 'of which dry: no SMS reached a phone' })),
        deployments: count,
        volunteerHours: z.number(),
        spontaneousRegistered: count,
      })
      .check(
        z.meta({
          description:
            'drills, counted apart: they are never among the help requests, deployments or spontaneous volunteers above',
        }),
      ),
    subsidy: z.object({
      basicEur: z.number(),
      refresherEur: z.number(),
      simulationEur: z.number(),
      variableEur: z.number(),
    }),
  })
  .register(z.globalRegistry, { id: 'ReportFigures' });
export type Figures = z.infer<typeof figuresSchema>;

export const annualReportSchema = z
  .object({
    year: z.int(),
    config: reportConfigSchema,
    progress: z.object({
      trainedInLegislature: count,
      targets: z.array(z.object({ name: z.string(), target: z.number(), percent: z.number() })),
    }),
    flanders: figuresSchema,
    provinces: z.array(z.extend(figuresSchema, { province: z.string() })),
    municipalities: z.array(
      z.extend(figuresSchema, { nis: z.string(), name: z.string(), province: z.string() }),
    ),
  })
  .register(z.globalRegistry, { id: 'AnnualReport' });
export type AnnualReport = z.infer<typeof annualReportSchema>;
