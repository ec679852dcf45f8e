import * as z from 'zod/mini';
import { RESPONSES_PAGE, TIMELINE_PAGE, UNREACHABLE_PAGE } from '../domain/request-view';
import { activationProgressSchema } from './activation';
import { idSchema, nisCodeSchema, TASKS } from './common';
import { providerIdSchema } from './training';

export const createHelpRequestBodySchema = z
  .strictObject({
    municipality: nisCodeSchema,
    title: z
      .string()
      .check(
        z.trim(),
        z.minLength(3),
        z.maxLength(60),
        z.meta({ description: 'short title, shown in the alert SMS' }),
      ),
    description: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    channel: z._default(z.enum(['api', 'phone']), 'api'),
    needs: z
      .array(
        z.strictObject({
          task: z.enum(TASKS),
          volunteers: z.int().check(z.minimum(1), z.maximum(15000)),
          /** Members aged 16 or 17 are not alerted for this task. */
          adultsOnly: z._default(z.boolean(), false),
        }),
      )
      .check(
        z.minLength(1),
        z.maxLength(TASKS.length),
        z.refine((needs) => new Set(needs.map((n) => n.task)).size === needs.length, 'one entry per task'),
      ),
    location: z.strictObject({
      postcode: z.string().check(z.regex(/^[1-9]\d{3}$/, 'a Belgian postcode')),
      description: z.optional(z.string().check(z.trim(), z.maxLength(200))),
    }),
    allowWidening: z._default(z.boolean(), true),
    spontaneousCallAllowed: z._default(z.boolean(), false),
    urgency: z.optional(z.enum(['normal', 'immediate'])).check(
      z.meta({
        description:
          '`normal` (the default) alerts the best-ranked members in waves, a multiple of what each task lacks, until enough accept; `immediate` alerts every eligible member at once',
      }),
    ),
    exercise: z.optional(z.boolean()).check(
      z.meta({
        description:
          'a drill (coordinators and municipal-admins may launch one; requesters too): the whole lifecycle runs, every SMS starts with OEFENING / EXERCICE / EXERCISE, it never counts in the yearly report’s incident figures, and each member checked in is credited with the yearly simulation exercise',
      }),
    ),
    dry: z.optional(z.boolean()).check(
      z.meta({
        description:
          'with `exercise`: nothing goes to real phones; every SMS is kept in the request’s outbox instead, at no cost, and the yearly report counts the exercise as dry',
      }),
    ),
    trainingProvider: z.optional(providerIdSchema).check(
      z.meta({
        description:
          'with `exercise`: the training provider (`PUT /training-providers/{id}`) credited with the simulation exercise; by default one of the Red Cross Flanders charter',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'CreateHelpRequestBody' });
export type CreateHelpRequestBody = z.infer<typeof createHelpRequestBodySchema>;

export const HELP_REQUEST_STATUSES = ['requested', 'mobilising', 'closed'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

export const taskCountSchema = z.object({
  needed: z.int(),
  accepted: z
    .int()
    .check(z.meta({ description: 'acceptances assigned to this task, never more than needed' })),
});
export type TaskCount = z.infer<typeof taskCountSchema>;

export const countsSchema = z.object({
  alerted: z.int(),
  accepted: z.int().check(
    z.meta({
      description: 'acceptances that fill a task (every task together); reserves are not counted here',
    }),
  ),
  declined: z.int(),
  checkedIn: z.int(),
  reserve: z.optional(z.int()).check(
    z.meta({
      description: 'volunteers who said yes when no task they can take was still open: kept in reserve',
    }),
  ),
  byTask: z
    .optional(z.partialRecord(z.enum(TASKS), taskCountSchema))
    .check(z.meta({ description: 'per task of `needs`: how many are needed and how many accepted it' })),
});
export type Counts = z.infer<typeof countsSchema>;

export const timelineEntrySchema = z
  .looseObject({ at: z.string(), type: z.string() })
  .register(z.globalRegistry, { id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What the yearly report needs of a request's spontaneous volunteers, folded into counts before the purge. */
export const spontaneousTotalsSchema = z.object({
  registered: z.int(),
  minors: z.int(),
  accepted: z.int(),
  checkedIn: z.int(),
  minutesOnSite: z.int(),
});
export type SpontaneousTotals = z.infer<typeof spontaneousTotalsSchema>;

/** Proof of the purge: counts only, never an id, a name or a phone number. */
export const purgeReceiptSchema = z
  .object({
    purgedAt: z.string(),
    totals: spontaneousTotalsSchema,
    deleted: z.object({
      registrations: z.int(),
      phoneEntries: z.int(),
      alerts: z.int(),
      standDowns: z.int(),
      /** The "enough volunteers" SMS records (absent from receipts made before that SMS existed). */
      enoughNotices: z.optional(z.int()),
      deployments: z.int(),
      timelineEntries: z.int(),
      coordinatorUpdates: z.int(),
      sentSmsPointers: z.int(),
      callPointers: z.int(),
      smsTraces: z.int(),
    }),
    /**
     * Where copies of what was deleted may still be, and the latest moment they are gone there too (absent from
     * receipts made before issue 13).
     */
    elsewhere: z.optional(
      z.array(
        z.object({
          what: z
            .enum(['sms-delivery-logs', 'backups'])
            .check(
              z.describe(
                'DynamoDB point-in-time recovery; SNS SMS delivery logs (recipient numbers) on receipts made before issue 16',
              ),
            ),
          until: z.string(),
        }),
      ),
    ),
    /**
     * What the purge leaves on purpose: the insurance claims of the request's spontaneous volunteers, kept until
     * their retention date like every claim (absent from receipts made before erasure reached claims).
     */
    keptUnderInsuranceRetention: z.optional(z.object({ claims: z.int() })),
  })
  .register(z.globalRegistry, { id: 'PurgeReceipt' });
export type PurgeReceipt = z.infer<typeof purgeReceiptSchema>;

export const helpRequestSchema = z
  .extend(createHelpRequestBodySchema, {
    id: idSchema,
    municipalityName: z.string(),
    status: z.enum(HELP_REQUEST_STATUSES),
    scope: z.array(nisCodeSchema).check(z.meta({ description: 'municipalities whose corps are mobilised' })),
    requestedBy: z.string(),
    createdAt: z.string(),
    closedAt: z.optional(z.string()),
    closedBy: z.optional(z.string()),
    acknowledgedAt: z.optional(z.string()),
    acknowledgedBy: z.optional(z.string()),
    /** When a volunteer first accepted: the yearly report's time to first acceptance. */
    firstAcceptedAt: z.optional(z.string()),
    counts: countsSchema,
    spontaneousCall: z.optional(z.object({ code: z.string(), openedAt: z.string() })),
    /** Anonymous counts of the spontaneous volunteers, kept when the purge deletes them. */
    spontaneousTotals: z.optional(spontaneousTotalsSchema),
  })
  .register(z.globalRegistry, { id: 'HelpRequest' });
export type HelpRequest = z.infer<typeof helpRequestSchema>;

/** The answer to a launch: the lifecycle runs on from here. */
export const launchedHelpRequestSchema = z
  .pick(helpRequestSchema, { id: true, status: true })
  .register(z.globalRegistry, { id: 'LaunchedHelpRequest' });
export type LaunchedHelpRequest = z.infer<typeof launchedHelpRequestSchema>;

/** The answer to an acknowledgement: who took the request, and when. */
export const acknowledgedHelpRequestSchema = z
  .pick(helpRequestSchema, { id: true, acknowledgedAt: true, acknowledgedBy: true })
  .register(z.globalRegistry, { id: 'AcknowledgedHelpRequest' });
export type AcknowledgedHelpRequest = z.infer<typeof acknowledgedHelpRequestSchema>;

/** The answer to a close. */
export const closedHelpRequestSchema = z
  .pick(helpRequestSchema, { id: true, status: true, closedAt: true })
  .register(z.globalRegistry, { id: 'ClosedHelpRequest' });
export type ClosedHelpRequest = z.infer<typeof closedHelpRequestSchema>;

export const responderSchema = z
  .object({
    volunteerId: idSchema,
    name: z.string(),
    municipality: nisCodeSchema.check(
      z.meta({
        description:
          'the corps the volunteer belongs to; for a spontaneous volunteer, the request’s municipality',
      }),
    ),
    spontaneous: z
      .optional(z.literal(true))
      .check(z.meta({ description: 'registered through the spontaneous call' })),
    answer: z.enum(['accepted', 'declined', 'reserve']),
    task: z.optional(z.enum(TASKS)).check(z.meta({ description: 'the task an acceptance fills' })),
    at: z.string().check(z.meta({ description: 'when the reply was received' })),
    note: z
      .optional(z.string())
      .check(z.meta({ description: 'what the volunteer wrote after the code ("kan pas om 14u")' })),
    onSiteSince: z
      .optional(z.string())
      .check(z.meta({ description: 'while the volunteer is checked in on site (and insured): since when' })),
    checkedOutAt: z.optional(z.string()).check(
      z.meta({
        description:
          'when the volunteer last left the site; absent while on site and for one never checked in',
      }),
    ),
    minutesOnSite: z.optional(z.int().check(z.minimum(0))).check(
      z.meta({
        description:
          'minutes on site recorded at the check-outs so far (a stay still running is not in it); absent for one never checked in',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Responder' });
export type Responder = z.infer<typeof responderSchema>;
/**
 * A volunteer whose alert SMS failed to deliver twice, through two origination numbers, or was not delivered within the
 * response window (expired): call them another way.
 */
export const unreachableVolunteerSchema = z
  .object({
    volunteerId: idSchema,
    /** Absent when the volunteer has since been erased. */
    name: z.optional(z.string()),
    phone: z.optional(z.string()).check(
      z.meta({
        description:
          'E.164; for the coordinator only, who may call them; absent for everyone else and once the volunteer is erased or purged',
      }),
    ),
    municipality: nisCodeSchema.check(
      z.meta({
        description:
          'the corps the volunteer belongs to; for a spontaneous volunteer, the request’s municipality',
      }),
    ),
    failedAt: z.string(),
    reason: z.string().check(z.meta({ description: "the carrier's reason for the last failed delivery" })),
    expired: z.optional(z.literal(true)).check(
      z.meta({
        description:
          'the alert was not delivered within the response window and was dropped rather than delivered late (not retried)',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'UnreachableVolunteer' });
export type UnreachableVolunteer = z.infer<typeof unreachableVolunteerSchema>;

export const helpRequestViewSchema = z
  .extend(helpRequestSchema, {
    counts: z.extend(countsSchema, {
      released: z.int().check(
        z.meta({
          description:
            'alerted volunteers told that every task was filled before they answered (not non-responders)',
        }),
      ),
      unanswered: z.int().check(
        z.meta({
          description:
            'alerted volunteers who have not answered and were not told to stand by: the non-responders',
        }),
      ),
    }),
    timeline: z.array(timelineEntrySchema).check(
      z.meta({
        description: `the latest ${TIMELINE_PAGE} entries, oldest first; \`timelineEarlier\` pages back through the older ones`,
      }),
    ),
    timelineEarlier: z.optional(z.string()).check(
      z.meta({
        description:
          'when older entries exist: the `cursor` of GET /help-requests/{id}/timeline for the page before',
      }),
    ),
    activations: z
      .array(activationProgressSchema)
      .check(
        z.meta({ description: 'activations by hand, oldest first, with how far each got (counts only)' }),
      ),
    responses: z.optional(z.array(responderSchema)).check(
      z.meta({
        description: `coordinator and crisis-centre only: the latest ${RESPONSES_PAGE} answers, latest first, with their note and who is on site; \`responsesNext\` lists the rest`,
      }),
    ),
    responsesNext: z.optional(z.string()).check(
      z.meta({
        description:
          'when more answers exist: the `cursor` of GET /help-requests/{id}/responses for the next page',
      }),
    ),
    purgeReceipt: z.optional(purgeReceiptSchema),
    unreachable: z
      .object({
        count: z.int().check(z.minimum(0)),
        volunteers: z
          .array(unreachableVolunteerSchema)
          .check(z.meta({ description: `the first ${UNREACHABLE_PAGE} by corps; \`next\` lists the rest` })),
        next: z.optional(z.string()).check(
          z.meta({
            description:
              'when more are listed: the `cursor` of GET /help-requests/{id}/unreachable for the next page',
          }),
        ),
        otherMunicipalities: z.optional(z.int().check(z.minimum(1))).check(
          z.meta({
            description:
              'for municipal roles: unreachable volunteers of other corps (a widened request), counted but not listed',
          }),
        ),
      })
      .check(
        z.meta({
          description:
            'volunteers the alert SMS could not reach, even after a retry; the coordinator gets their phone numbers, nobody else; municipal roles see only their own corps listed',
        }),
      ),
  })
  .register(z.globalRegistry, { id: 'HelpRequestView' });
export type HelpRequestView = z.infer<typeof helpRequestViewSchema>;

/** A page of one of a request's lists: how many, and the cursor the page before handed out. */
export const requestListPageQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  /** Opaque: the `next` (or `earlier`) of the previous page, or the view's. */
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});
export type RequestListPageQuery = z.infer<typeof requestListPageQuerySchema>;

export const responsePageSchema = z
  .object({ responses: z.array(responderSchema), next: z.optional(z.string()) })
  .register(z.globalRegistry, {
    id: 'ResponsePage',
    description: 'answers, latest first; `next` when more exist',
  });
export type ResponsePage = z.infer<typeof responsePageSchema>;

export const timelinePageSchema = z
  .object({ entries: z.array(timelineEntrySchema), earlier: z.optional(z.string()) })
  .register(z.globalRegistry, {
    id: 'TimelinePage',
    description: 'timeline entries, oldest first; `earlier` when older ones exist',
  });
export type TimelinePage = z.infer<typeof timelinePageSchema>;

export const unreachablePageSchema = z
  .object({ volunteers: z.array(unreachableVolunteerSchema), next: z.optional(z.string()) })
  .register(z.globalRegistry, {
    id: 'UnreachablePage',
    description:
      'unreachable volunteers by corps (municipal roles: their own corps only); `next` when more exist',
  });
export type UnreachablePage = z.infer<typeof unreachablePageSchema>;

export const listHelpRequestsQuerySchema = z.strictObject({
  municipality: z.optional(nisCodeSchema).check(
    z.meta({
      description:
        "one municipality's requests; without it, every municipality the caller may read: all of Flanders for coordinators and the crisis centre, their own for municipal roles",
    }),
  ),
  status: z
    .optional(z.enum([...HELP_REQUEST_STATUSES, 'open']))
    .check(z.meta({ description: '`open` is every status but closed' })),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  /** Opaque: the `next` of the previous page. */
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});
export type ListHelpRequestsQuery = z.infer<typeof listHelpRequestsQuerySchema>;

export const helpRequestPageSchema = z
  .object({ helpRequests: z.array(helpRequestSchema), next: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'HelpRequestPage' });
