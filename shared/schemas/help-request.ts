import * as z from 'zod';
import { RESPONSES_PAGE, TIMELINE_PAGE, UNREACHABLE_PAGE } from '../domain/request-view';
import { activationProgressSchema } from './activation';
import { idSchema, nisCodeSchema, TASKS } from './common';
import { providerIdSchema } from './training';

export const createHelpRequestBodySchema = z
  .object({
    municipality: nisCodeSchema,
    title: z.string().trim().min(3).max(60).meta({ description: 'short title, shown in the alert SMS' }),
    description: z.string().trim().max(2000).optional(),
    channel: z.enum(['api', 'phone']).default('api'),
    needs: z
      .array(
        z
          .object({
            task: z.enum(TASKS),
            volunteers: z.number().int().min(1).max(15000),
            /** Members aged 16 or 17 are not alerted for this task. */
            adultsOnly: z.boolean().default(false),
          })
          .strict(),
      )
      .min(1)
      .max(TASKS.length)
      .refine((needs) => new Set(needs.map((n) => n.task)).size === needs.length, 'one entry per task'),
    location: z
      .object({
        postcode: z.string().regex(/^[1-9]\d{3}$/, 'a Belgian postcode'),
        description: z.string().trim().max(200).optional(),
      })
      .strict(),
    allowWidening: z.boolean().default(true),
    spontaneousCallAllowed: z.boolean().default(false),
    urgency: z.enum(['normal', 'immediate']).optional().meta({
      description:
        '`normal` (the default) alerts the best-ranked members in waves, a multiple of what each task lacks, until enough accept; `immediate` alerts every eligible member at once',
    }),
    exercise: z.boolean().optional().meta({
      description:
        'a drill (coordinators and municipal-admins may launch one; requesters too): the whole lifecycle runs, every SMS starts with OEFENING / EXERCICE / EXERCISE, it never counts in the yearly report’s incident figures, and each member checked in is credited with the yearly simulation exercise',
    }),
    dry: z.boolean().optional().meta({
      description:
        'with `exercise`: nothing goes to real phones; every SMS is kept in the request’s outbox instead, at no cost, and the yearly report counts the exercise as dry',
    }),
    trainingProvider: providerIdSchema.optional().meta({
      description:
        'with `exercise`: the training provider (`PUT /training-providers/{id}`) credited with the simulation exercise; by default one of the Red Cross Flanders charter',
    }),
  })
  .strict()
  .meta({ id: 'CreateHelpRequestBody' });
export type CreateHelpRequestBody = z.infer<typeof createHelpRequestBodySchema>;

export const HELP_REQUEST_STATUSES = ['requested', 'mobilising', 'closed'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

export const taskCountSchema = z.object({
  needed: z.number().int(),
  accepted: z
    .number()
    .int()
    .meta({ description: 'acceptances assigned to this task, never more than needed' }),
});
export type TaskCount = z.infer<typeof taskCountSchema>;

export const countsSchema = z.object({
  alerted: z.number().int(),
  accepted: z.number().int().meta({
    description: 'acceptances that fill a task (every task together); reserves are not counted here',
  }),
  declined: z.number().int(),
  checkedIn: z.number().int(),
  reserve: z.number().int().optional().meta({
    description: 'volunteers who said yes when no task they can take was still open: kept in reserve',
  }),
  byTask: z
    .partialRecord(z.enum(TASKS), taskCountSchema)
    .optional()
    .meta({ description: 'per task of `needs`: how many are needed and how many accepted it' }),
});
export type Counts = z.infer<typeof countsSchema>;

export const timelineEntrySchema = z
  .object({ at: z.string(), type: z.string() })
  .catchall(z.unknown())
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What the yearly report needs of a request's spontaneous volunteers, folded into counts before the purge. */
export const spontaneousTotalsSchema = z.object({
  registered: z.number().int(),
  minors: z.number().int(),
  accepted: z.number().int(),
  checkedIn: z.number().int(),
  minutesOnSite: z.number().int(),
});
export type SpontaneousTotals = z.infer<typeof spontaneousTotalsSchema>;

/** Proof of the purge: counts only, never an id, a name or a phone number. */
export const purgeReceiptSchema = z
  .object({
    purgedAt: z.string(),
    totals: spontaneousTotalsSchema,
    deleted: z.object({
      registrations: z.number().int(),
      phoneEntries: z.number().int(),
      alerts: z.number().int(),
      standDowns: z.number().int(),
      /** The "enough volunteers" SMS records (absent from receipts made before that SMS existed). */
      enoughNotices: z.number().int().optional(),
      deployments: z.number().int(),
      timelineEntries: z.number().int(),
      coordinatorUpdates: z.number().int(),
      sentSmsPointers: z.number().int(),
      callPointers: z.number().int(),
      smsTraces: z.number().int(),
    }),
    /**
     * Where copies of what was deleted may still be, and the latest moment they are gone there too (absent from
     * receipts made before issue 13).
     */
    elsewhere: z
      .array(
        z.object({
          what: z
            .enum(['sms-delivery-logs', 'backups'])
            .describe(
              'DynamoDB point-in-time recovery; SNS SMS delivery logs (recipient numbers) on receipts made before issue 16',
            ),
          until: z.string(),
        }),
      )
      .optional(),
    /**
     * What the purge leaves on purpose: the insurance claims of the request's spontaneous volunteers, kept until
     * their retention date like every claim (absent from receipts made before erasure reached claims).
     */
    keptUnderInsuranceRetention: z.object({ claims: z.number().int() }).optional(),
  })
  .meta({ id: 'PurgeReceipt' });
export type PurgeReceipt = z.infer<typeof purgeReceiptSchema>;

export const helpRequestSchema = createHelpRequestBodySchema
  .extend({
    id: idSchema,
    municipalityName: z.string(),
    status: z.enum(HELP_REQUEST_STATUSES),
    scope: z.array(nisCodeSchema).meta({ description: 'municipalities whose corps are mobilised' }),
    requestedBy: z.string(),
    createdAt: z.string(),
    closedAt: z.string().optional(),
    closedBy: z.string().optional(),
    acknowledgedAt: z.string().optional(),
    acknowledgedBy: z.string().optional(),
    /** When a volunteer first accepted: the yearly report's time to first acceptance. */
    firstAcceptedAt: z.string().optional(),
    counts: countsSchema,
    spontaneousCall: z.object({ code: z.string(), openedAt: z.string() }).optional(),
    /** Anonymous counts of the spontaneous volunteers, kept when the purge deletes them. */
    spontaneousTotals: spontaneousTotalsSchema.optional(),
  })
  .meta({ id: 'HelpRequest' });
export type HelpRequest = z.infer<typeof helpRequestSchema>;

/** The answer to a launch: the lifecycle runs on from here. */
export const launchedHelpRequestSchema = helpRequestSchema
  .pick({ id: true, status: true })
  .meta({ id: 'LaunchedHelpRequest' });
export type LaunchedHelpRequest = z.infer<typeof launchedHelpRequestSchema>;

/** The answer to an acknowledgement: who took the request, and when. */
export const acknowledgedHelpRequestSchema = helpRequestSchema
  .pick({ id: true, acknowledgedAt: true, acknowledgedBy: true })
  .meta({ id: 'AcknowledgedHelpRequest' });
export type AcknowledgedHelpRequest = z.infer<typeof acknowledgedHelpRequestSchema>;

/** The answer to a close. */
export const closedHelpRequestSchema = helpRequestSchema
  .pick({ id: true, status: true, closedAt: true })
  .meta({ id: 'ClosedHelpRequest' });
export type ClosedHelpRequest = z.infer<typeof closedHelpRequestSchema>;

export const responderSchema = z
  .object({
    volunteerId: idSchema,
    name: z.string(),
    municipality: nisCodeSchema.meta({
      description:
        'the corps the volunteer belongs to; for a spontaneous volunteer, the request’s municipality',
    }),
    spontaneous: z.literal(true).optional().meta({ description: 'registered through the spontaneous call' }),
    answer: z.enum(['accepted', 'declined', 'reserve']),
    task: z.enum(TASKS).optional().meta({ description: 'the task an acceptance fills' }),
    at: z.string().meta({ description: 'when the reply was received' }),
    note: z
      .string()
      .optional()
      .meta({ description: 'what the volunteer wrote after the code ("kan pas om 14u")' }),
    onSiteSince: z
      .string()
      .optional()
      .meta({ description: 'while the volunteer is checked in on site (and insured): since when' }),
    checkedOutAt: z.string().optional().meta({
      description: 'when the volunteer last left the site; absent while on site and for one never checked in',
    }),
    minutesOnSite: z.number().int().min(0).optional().meta({
      description:
        'minutes on site recorded at the check-outs so far (a stay still running is not in it); absent for one never checked in',
    }),
  })
  .meta({ id: 'Responder' });
export type Responder = z.infer<typeof responderSchema>;
/**
 * A volunteer whose alert SMS failed to deliver twice, through two origination numbers, or was not delivered within the
 * response window (expired): call them another way.
 */
export const unreachableVolunteerSchema = z
  .object({
    volunteerId: idSchema,
    /** Absent when the volunteer has since been erased. */
    name: z.string().optional(),
    phone: z.string().optional().meta({
      description:
        'E.164; for the coordinator only, who may call them; absent for everyone else and once the volunteer is erased or purged',
    }),
    municipality: nisCodeSchema.meta({
      description:
        'the corps the volunteer belongs to; for a spontaneous volunteer, the request’s municipality',
    }),
    failedAt: z.string(),
    reason: z.string().meta({ description: "the carrier's reason for the last failed delivery" }),
    expired: z.literal(true).optional().meta({
      description:
        'the alert was not delivered within the response window and was dropped rather than delivered late (not retried)',
    }),
  })
  .meta({ id: 'UnreachableVolunteer' });
export type UnreachableVolunteer = z.infer<typeof unreachableVolunteerSchema>;

export const helpRequestViewSchema = helpRequestSchema
  .extend({
    counts: countsSchema.extend({
      released: z.number().int().meta({
        description:
          'alerted volunteers told that every task was filled before they answered (not non-responders)',
      }),
      unanswered: z.number().int().meta({
        description:
          'alerted volunteers who have not answered and were not told to stand by: the non-responders',
      }),
    }),
    timeline: z.array(timelineEntrySchema).meta({
      description: `the latest ${TIMELINE_PAGE} entries, oldest first; \`timelineEarlier\` pages back through the older ones`,
    }),
    timelineEarlier: z.string().optional().meta({
      description:
        'when older entries exist: the `cursor` of GET /help-requests/{id}/timeline for the page before',
    }),
    activations: z
      .array(activationProgressSchema)
      .meta({ description: 'activations by hand, oldest first, with how far each got (counts only)' }),
    responses: z
      .array(responderSchema)
      .optional()
      .meta({
        description: `coordinator and crisis-centre only: the latest ${RESPONSES_PAGE} answers, latest first, with their note and who is on site; \`responsesNext\` lists the rest`,
      }),
    responsesNext: z.string().optional().meta({
      description:
        'when more answers exist: the `cursor` of GET /help-requests/{id}/responses for the next page',
    }),
    purgeReceipt: purgeReceiptSchema.optional(),
    unreachable: z
      .object({
        count: z.number().int().min(0),
        volunteers: z.array(unreachableVolunteerSchema).meta({
          description: `the first ${UNREACHABLE_PAGE} by corps; \`next\` lists the rest`,
        }),
        next: z.string().optional().meta({
          description:
            'when more are listed: the `cursor` of GET /help-requests/{id}/unreachable for the next page',
        }),
        otherMunicipalities: z.number().int().min(1).optional().meta({
          description:
            'for municipal roles: unreachable volunteers of other corps (a widened request), counted but not listed',
        }),
      })
      .meta({
        description:
          'volunteers the alert SMS could not reach, even after a retry; the coordinator gets their phone numbers, nobody else; municipal roles see only their own corps listed',
      }),
  })
  .meta({ id: 'HelpRequestView' });
export type HelpRequestView = z.infer<typeof helpRequestViewSchema>;

/** A page of one of a request's lists: how many, and the cursor the page before handed out. */
export const requestListPageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque: the `next` (or `earlier`) of the previous page, or the view's. */
    cursor: z.string().max(1024).optional(),
  })
  .strict();
export type RequestListPageQuery = z.infer<typeof requestListPageQuerySchema>;

export const responsePageSchema = z
  .object({ responses: z.array(responderSchema), next: z.string().optional() })
  .meta({ id: 'ResponsePage', description: 'answers, latest first; `next` when more exist' });
export type ResponsePage = z.infer<typeof responsePageSchema>;

export const timelinePageSchema = z
  .object({ entries: z.array(timelineEntrySchema), earlier: z.string().optional() })
  .meta({
    id: 'TimelinePage',
    description: 'timeline entries, oldest first; `earlier` when older ones exist',
  });
export type TimelinePage = z.infer<typeof timelinePageSchema>;

export const unreachablePageSchema = z
  .object({ volunteers: z.array(unreachableVolunteerSchema), next: z.string().optional() })
  .meta({
    id: 'UnreachablePage',
    description:
      'unreachable volunteers by corps (municipal roles: their own corps only); `next` when more exist',
  });
export type UnreachablePage = z.infer<typeof unreachablePageSchema>;

export const listHelpRequestsQuerySchema = z
  .object({
    municipality: nisCodeSchema.optional().meta({
      description:
        "one municipality's requests; without it, every municipality the caller may read: all of Flanders for coordinators and the crisis centre, their own for municipal roles",
    }),
    status: z
      .enum([...HELP_REQUEST_STATUSES, 'open'])
      .optional()
      .meta({ description: '`open` is every status but closed' }),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    /** Opaque: the `next` of the previous page. */
    cursor: z.string().max(1024).optional(),
  })
  .strict();
export type ListHelpRequestsQuery = z.infer<typeof listHelpRequestsQuerySchema>;

export const helpRequestPageSchema = z
  .object({ helpRequests: z.array(helpRequestSchema), next: z.string().optional() })
  .meta({ id: 'HelpRequestPage' });
