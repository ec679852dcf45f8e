import * as z from 'zod';
import { activationBodySchema } from '../schemas/activation';
import { annualReportSchema } from '../schemas/annual-report';
import {
  attachmentBodySchema,
  attachmentUploadSchema,
  claimSchema,
  updateClaimBodySchema,
} from '../schemas/claim';
import { fileClaimBodySchema } from '../schemas/claim-form';
import { coordinatorUpdateBodySchema, coordinatorUpdateSchema } from '../schemas/coordinator-update';
import { checkInOutBodySchema, deploymentSchema } from '../schemas/deployment';
import { dutyRosterSchema, putDutyRosterBodySchema } from '../schemas/duty-roster';
import { groupSchema, registerGroupBodySchema } from '../schemas/group';
import {
  createHelpRequestBodySchema,
  helpRequestPageSchema,
  helpRequestViewSchema,
} from '../schemas/help-request';
import { municipalitySchema, putMunicipalityBodySchema } from '../schemas/municipality';
import { putRequestersBodySchema } from '../schemas/requesters';
import {
  spontaneousCallSchema,
  spontaneousRegistrationBodySchema,
  spontaneousRegistrationSchema,
} from '../schemas/spontaneous';
import {
  putTrainingProviderBodySchema,
  recordTrainingBodySchema,
  trainingProviderSchema,
  trainingRecordSchema,
  trainingStatusSchema,
} from '../schemas/training';
import {
  registerVolunteerBodySchema,
  updateVolunteerBodySchema,
  volunteerSchema,
} from '../schemas/volunteer';
import { HELP_REQUESTS_READ, HELP_REQUESTS_WRITE } from './oauth-scopes';

const volunteerWithTrainingSchema = volunteerSchema
  .extend({ training: trainingStatusSchema })
  .meta({ id: 'VolunteerWithTraining' });

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway resource path, `{name}` for path parameters. */
  path: string;
  /** The Lambda entry point, from the project root. */
  entry: string;
  summary: string;
  public?: boolean;
  /** Public routes that write: API Gateway throttles the method to the stage's `publicRegistrationThrottle`. */
  throttled?: boolean;
  body?: z.ZodType;
  response?: { status: number; schema?: z.ZodType };
  /** What the route's function may touch; the API stack grants exactly this. */
  needs?: Need[];
  /** Municipal crisis software (Cognito machine clients) may call the route with this scope, besides users. */
  machineScope?: typeof HELP_REQUESTS_READ | typeof HELP_REQUESTS_WRITE;
}

export type Need =
  | 'registry:read'
  | 'registry:write'
  | 'operations:read'
  | 'operations:write'
  | 'adhoc:read'
  | 'adhoc:write'
  | 'idempotency'
  | 'audit'
  | 'sms-jobs'
  | 'start-execution'
  | 'resume-execution'
  /** Hands out links to the public routes: told the public base URL. */
  | 'public-url'
  /** Hands out presigned upload URLs for claim attachments: may put objects under `claims/` only. */
  | 'attachments:upload'
  /** Prices the yearly report's variable subsidy: told the stage's unit prices. */
  | 'report-config'
  /** Takes public registrations: told the allowed phone countries and the cap per call. */
  | 'registration-policy'
  /** Registers members or hands Flanders-funded places over: told the places funded per year. */
  | 'corps-funding'
  /** Erases members: appends salted hashes to the erasure ledger, reading its salt from Secrets Manager. */
  | 'erasure-ledger'
  /** Erases members: may find and delete accounts (ListUsers, AdminDeleteUser) in the stage's user pool, told its id. */
  | 'accounts:delete'
  /** Settles or rejects claims: told the years a claim is kept after that. */
  | 'claim-retention';

/** Every API route, once: the API stack, the local runtime and the OpenAPI document are all built from this list. */
export const ROUTES: Route[] = [
  { method: 'GET', path: '/health', entry: 'functions/api/health/get.ts', summary: 'liveness', public: true },
  {
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/api/openapi/get.ts',
    summary: 'this contract',
    public: true,
  },
  {
    method: 'PUT',
    path: '/municipalities/{nis}',
    entry: 'functions/api/municipalities/put.ts',
    summary: 'a municipality joins or updates its neighbours (coordinator)',
    body: putMunicipalityBodySchema,
    response: { status: 200, schema: municipalitySchema },
    needs: ['registry:write', 'audit'],
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}',
    entry: 'functions/api/municipalities/get.ts',
    summary: 'profile and corps summary (its municipal roles, coordinator)',
    response: { status: 200, schema: municipalitySchema },
    needs: ['registry:read'],
  },
  {
    method: 'POST',
    path: '/municipalities/{nis}/volunteers',
    entry: 'functions/api/volunteers/register.ts',
    summary: 'register a corps member, 16 or older (its municipal-admin, coordinator)',
    body: registerVolunteerBodySchema,
    response: { status: 201, schema: volunteerSchema },
    needs: ['registry:write', 'audit', 'corps-funding'],
  },
  {
    method: 'PUT',
    path: '/municipalities/{nis}/requesters',
    entry: 'functions/api/requesters/put.ts',
    summary: 'the officials (token subjects) allowed to launch help requests (its municipal-admin)',
    body: putRequestersBodySchema,
    response: { status: 200, schema: putRequestersBodySchema },
    needs: ['registry:write', 'audit'],
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}/volunteers',
    entry: 'functions/api/volunteers/list.ts',
    summary: 'the roster (its municipal-admin, coordinator)',
    response: { status: 200, schema: z.object({ volunteers: z.array(volunteerWithTrainingSchema) }) },
    needs: ['registry:read'],
  },
  {
    method: 'GET',
    path: '/volunteers/{id}',
    entry: 'functions/api/volunteers/get.ts',
    summary: 'a volunteer record with training status (the volunteer, its municipal-admin, coordinator)',
    response: { status: 200, schema: volunteerWithTrainingSchema },
    needs: ['registry:read'],
  },
  {
    method: 'PATCH',
    path: '/volunteers/{id}',
    entry: 'functions/api/volunteers/update.ts',
    summary:
      'update availability (pause until a date), language, skills, contact (the volunteer, its municipal-admin, coordinator)',
    body: updateVolunteerBodySchema,
    response: { status: 200, schema: volunteerSchema },
    needs: ['registry:write', 'audit', 'corps-funding'],
  },
  {
    method: 'DELETE',
    path: '/volunteers/{id}',
    entry: 'functions/api/volunteers/erase.ts',
    summary:
      'erase: personal data and the sign-in account deleted, insurance claims kept for the insurer without phone or link, anonymous statistics kept; 409 while checked in on site (the volunteer, its municipal-admin, coordinator)',
    response: { status: 204 },
    needs: [
      'registry:write',
      'operations:write',
      'audit',
      'corps-funding',
      'erasure-ledger',
      'accounts:delete',
    ],
  },
  {
    method: 'POST',
    path: '/volunteers/{id}/trainings',
    entry: 'functions/api/trainings/record.ts',
    summary:
      'record a basic first-aid course, yearly refresher or simulation with provider and date (coordinator, its municipal-admin)',
    body: recordTrainingBodySchema,
    response: { status: 201, schema: trainingRecordSchema },
    needs: ['registry:write', 'audit'],
  },
  {
    method: 'PUT',
    path: '/training-providers/{id}',
    entry: 'functions/api/training-providers/put.ts',
    summary: 'a course provider that meets the quality charter (coordinator)',
    body: putTrainingProviderBodySchema,
    response: { status: 200, schema: trainingProviderSchema },
    needs: ['registry:write'],
  },
  {
    method: 'POST',
    path: '/municipalities/{nis}/groups',
    entry: 'functions/api/groups/register.ts',
    summary:
      'a group (scouts, Chiro) joins with a contact person and its members (its municipal-admin, coordinator)',
    body: registerGroupBodySchema,
    response: { status: 201, schema: groupSchema },
    needs: ['registry:write', 'audit', 'corps-funding'],
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}/groups',
    entry: 'functions/api/groups/list.ts',
    summary: 'the groups of a corps (its municipal-admin, coordinator)',
    response: { status: 200, schema: z.object({ groups: z.array(groupSchema) }) },
    needs: ['registry:read'],
  },
  {
    method: 'POST',
    path: '/groups/{id}/trainings',
    entry: 'functions/api/groups/record-training.ts',
    summary:
      'the group followed a course together: recorded for every member (coordinator, its municipal-admin)',
    body: recordTrainingBodySchema,
    response: { status: 201, schema: z.object({ records: z.array(trainingRecordSchema) }) },
    needs: ['registry:write', 'audit'],
  },
  {
    method: 'POST',
    path: '/help-requests',
    entry: 'functions/api/help-requests/create.ts',
    summary:
      'launch a help request (requester of the municipality; coordinator with channel phone, refused with 409 while the duty roster is empty); honours Idempotency-Key',
    body: createHelpRequestBodySchema,
    response: { status: 202 },
    needs: ['registry:read', 'operations:write', 'idempotency', 'start-execution'],
    machineScope: HELP_REQUESTS_WRITE,
  },
  {
    method: 'GET',
    path: '/help-requests',
    entry: 'functions/api/help-requests/list.ts',
    summary:
      'help requests of one municipality, newest first: ?municipality=NIS&status=&limit=&cursor= (its municipal roles, coordinator, crisis-centre)',
    response: { status: 200, schema: helpRequestPageSchema },
    needs: ['operations:read'],
    machineScope: HELP_REQUESTS_READ,
  },
  {
    method: 'GET',
    path: '/help-requests/{id}',
    entry: 'functions/api/help-requests/get.ts',
    summary:
      'status, scope, counts, timeline and the volunteers the alert SMS could not reach (its municipal roles, coordinator, crisis-centre)',
    response: { status: 200, schema: helpRequestViewSchema },
    // The names behind the answers, for the coordination: members in Registry, spontaneous volunteers in AdHoc.
    needs: ['operations:read', 'registry:read', 'adhoc:read'],
    machineScope: HELP_REQUESTS_READ,
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/acknowledge',
    entry: 'functions/api/help-requests/acknowledge.ts',
    summary: 'the coordinator takes the request: the escalation to the backups stops (coordinator)',
    response: { status: 200 },
    needs: ['operations:write', 'resume-execution'],
  },
  {
    method: 'PUT',
    path: '/duty-roster',
    entry: 'functions/api/duty-roster/put.ts',
    summary: 'who is on duty 24/7, and the backups in order (coordinator)',
    body: putDutyRosterBodySchema,
    response: { status: 200, schema: dutyRosterSchema },
    needs: ['registry:write', 'audit'],
  },
  {
    method: 'GET',
    path: '/duty-roster',
    entry: 'functions/api/duty-roster/get.ts',
    summary: 'the current duty roster (coordinator)',
    response: { status: 200, schema: dutyRosterSchema },
    needs: ['registry:read'],
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/activations',
    entry: 'functions/api/help-requests/activate.ts',
    summary:
      'widen the scope and mobilise at once: neighbours or named municipalities (coordinator), province or flanders (coordinator, crisis-centre)',
    body: activationBodySchema,
    response: { status: 200 },
    needs: ['registry:read', 'operations:write', 'sms-jobs'],
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/updates',
    entry: 'functions/api/help-requests/send-update.ts',
    summary:
      'an SMS from the coordinator to every volunteer who accepted, in one part behind a prefix in their language (coordinator); honours Idempotency-Key',
    body: coordinatorUpdateBodySchema,
    response: { status: 202, schema: coordinatorUpdateSchema },
    needs: ['registry:read', 'adhoc:read', 'operations:write', 'idempotency', 'sms-jobs'],
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/check-ins',
    entry: 'functions/api/help-requests/check-in.ts',
    summary: 'a volunteer who accepted arrives on site: the insurance coverage period opens (coordinator)',
    body: checkInOutBodySchema,
    response: { status: 200, schema: deploymentSchema },
    needs: ['operations:write', 'registry:write'],
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/check-outs',
    entry: 'functions/api/help-requests/check-out.ts',
    summary:
      'a volunteer leaves the site: the coverage period closes and the hours are recorded (coordinator)',
    body: checkInOutBodySchema,
    response: { status: 200, schema: deploymentSchema },
    needs: ['operations:write', 'registry:write'],
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/close',
    entry: 'functions/api/help-requests/close.ts',
    summary: 'close: stand-down SMS, then the aftercare window (coordinator)',
    response: { status: 200 },
    needs: ['operations:write', 'resume-execution'],
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/spontaneous-call',
    entry: 'functions/api/help-requests/spontaneous-call.ts',
    summary:
      'open the spontaneous call once: a public code and registration URL for this request only; 201 the first time, 200 with the same call after (coordinator)',
    response: { status: 201, schema: spontaneousCallSchema },
    needs: ['operations:write', 'public-url'],
  },
  {
    method: 'POST',
    path: '/spontaneous/{code}/registrations',
    entry: 'functions/api/spontaneous/register.ts',
    summary:
      'a citizen (16+, with consent, a mobile number of an allowed country) registers for the one request of this call and gets an SMS with a reply code; the same phone again is answered exactly like a new registration (201, an id that names nobody) and sends nothing; a full call is a 422 spontaneous-call-full (anyone, throttled, behind a WAF challenge)',
    public: true,
    throttled: true,
    body: spontaneousRegistrationBodySchema,
    response: { status: 201, schema: spontaneousRegistrationSchema },
    needs: ['operations:write', 'adhoc:write', 'audit', 'sms-jobs', 'registration-policy'],
  },
  {
    method: 'POST',
    path: '/claims',
    entry: 'functions/api/claims/file.ts',
    summary:
      'file an insurance claim (bodily accident, civil liability) for a deployment, inside a recorded coverage period, else 422 outside-coverage; the claimant gets an SMS (the volunteer for themselves, coordinator for anyone, spontaneous volunteers included); honours Idempotency-Key',
    body: fileClaimBodySchema,
    response: { status: 201, schema: claimSchema },
    needs: ['operations:write', 'registry:read', 'adhoc:read', 'audit', 'idempotency', 'sms-jobs'],
  },
  {
    method: 'GET',
    path: '/claims',
    entry: 'functions/api/claims/list.ts',
    summary:
      'claims of a volunteer or of a help request: ?volunteerId= or ?requestId= (coordinator); a volunteer gets their own',
    response: { status: 200, schema: z.object({ claims: z.array(claimSchema) }) },
    needs: ['operations:read'],
  },
  {
    method: 'GET',
    path: '/claims/{id}',
    entry: 'functions/api/claims/get.ts',
    summary: 'a claim with its status history (its volunteer, coordinator)',
    response: { status: 200, schema: claimSchema },
    needs: ['operations:read'],
  },
  {
    method: 'PATCH',
    path: '/claims/{id}',
    entry: 'functions/api/claims/update.ts',
    summary:
      'move the claim on: in-review → sent-to-insurer → settled, or rejected with a reason (coordinator; the claimant gets an SMS); add information while it is submitted (its volunteer) or until it is sent (coordinator)',
    body: updateClaimBodySchema,
    response: { status: 200, schema: claimSchema },
    needs: ['operations:write', 'audit', 'sms-jobs', 'claim-retention'],
  },
  {
    method: 'POST',
    path: '/claims/{id}/attachments',
    entry: 'functions/api/claims/add-attachment.ts',
    summary:
      'add a photo or certificate: records it and answers a presigned URL to PUT the file to, valid 15 minutes (its volunteer while submitted, coordinator until sent)',
    body: attachmentBodySchema,
    response: { status: 201, schema: attachmentUploadSchema },
    needs: ['operations:write', 'audit', 'attachments:upload'],
  },
  {
    method: 'GET',
    path: '/reports/annual/{year}',
    entry: 'functions/api/reports/annual.ts',
    summary:
      'the yearly report to the Flemish Government from anonymous counters, per municipality, province and Flanders; ?format=csv or svg for a CSV or a chart (coordinator, crisis-centre)',
    response: { status: 200, schema: annualReportSchema },
    needs: ['registry:read', 'operations:read', 'report-config'],
  },
];
