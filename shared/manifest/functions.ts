import * as z from 'zod/mini';
import { DISPATCH_BATCH } from '../domain/origination';
import { HELP_REQUESTS_READ, HELP_REQUESTS_WRITE } from '../http/oauth-scopes';
import { activationBodySchema, activationResultSchema } from '../schemas/activation';
import { annualReportQuerySchema, annualReportSchema } from '../schemas/annual-report';
import {
  attachmentBodySchema,
  attachmentUploadSchema,
  claimListQuerySchema,
  claimSchema,
  updateClaimBodySchema,
} from '../schemas/claim';
import { fileClaimBodySchema } from '../schemas/claim-form';
import { coordinatorUpdateBodySchema, coordinatorUpdateSchema } from '../schemas/coordinator-update';
import { checkInOutBodySchema, deploymentSchema } from '../schemas/deployment';
import { dutyRosterSchema, putDutyRosterBodySchema } from '../schemas/duty-roster';
import { groupSchema, registerGroupBodySchema } from '../schemas/group';
import {
  acknowledgedHelpRequestSchema,
  closedHelpRequestSchema,
  createHelpRequestBodySchema,
  helpRequestPageSchema,
  helpRequestViewSchema,
  launchedHelpRequestSchema,
  listHelpRequestsQuerySchema,
  requestListPageQuerySchema,
  responsePageSchema,
  timelinePageSchema,
  unreachablePageSchema,
} from '../schemas/help-request';
import { municipalitySchema, putMunicipalityBodySchema } from '../schemas/municipality';
import { inviteOfficialBodySchema, officialListSchema, officialSchema } from '../schemas/official';
import { outboxPageSchema } from '../schemas/outbox';
import { putRequestersBodySchema, requestersSchema } from '../schemas/requesters';
import {
  publicSpontaneousCallSchema,
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
import {
  appends,
  deletesAccounts,
  deletesClaimFiles,
  invitesOfficials,
  type Need,
  parameter,
  queuesSms,
  reads,
  readsAppClients,
  readsLedgerSalt,
  readsOfficialAccounts,
  removesOfficials,
  resumesLifecycle,
  sendsSms,
  startsActivation,
  startsLifecycle,
  uploadsClaimFiles,
  writes,
} from './needs';
import { api, type FunctionSpec, type Trigger } from './triggers';

const healthSchema = z.object({ status: z.literal('ok') }).register(z.globalRegistry, { id: 'Health' });
const openApiDocumentSchema = z
  .record(z.string(), z.unknown())
  .register(z.globalRegistry, { id: 'OpenApiDocument', description: 'an OpenAPI 3.1 document' });

const volunteerWithTrainingSchema = z
  .extend(volunteerSchema, { training: trainingStatusSchema })
  .register(z.globalRegistry, { id: 'VolunteerWithTraining' });

/** Replies change alerts, members' and spontaneous volunteers' records, and may hand a funded place over (STOP). */
const INBOUND_NEEDS = [
  writes('operations'),
  writes('registry'),
  writes('adHoc'),
  appends('audit'),
  // Once a reply fills the last task, the volunteers still waiting are told, through the dispatcher.
  queuesSms,
  // A reply from a number nobody is registered under is answered straight away.
  sendsSms,
  parameter('fundedPlaces'),
] as const;

/**
 * Every function of the system, once: its entry point, what triggers it, its timeout and what it needs. The stacks
 * build one function per entry and grant exactly its needs; the local runtime gives each function only that
 * environment; a handler's ports type is `PortsOf<name>` (granted-ports.ts), so it cannot use what it is not granted.
 */
export const FUNCTIONS = {
  health: {
    entry: 'functions/api/health/get.ts',
    trigger: api({
      method: 'GET',
      path: '/health',
      tag: 'system',
      summary: 'liveness',
      public: true,
      response: { status: 200, schema: healthSchema },
    }),
    needs: [],
  },
  openapi: {
    entry: 'functions/api/openapi/get.ts',
    trigger: api({
      method: 'GET',
      path: '/openapi.json',
      tag: 'system',
      summary: 'this contract',
      public: true,
      response: { status: 200, schema: openApiDocumentSchema },
    }),
    needs: [],
  },
  putMunicipality: {
    entry: 'functions/api/municipalities/put.ts',
    trigger: api({
      method: 'PUT',
      path: '/municipalities/{nis}',
      tag: 'municipalities',
      summary: 'a municipality joins or updates its neighbours (coordinator)',
      body: putMunicipalityBodySchema,
      response: { status: 200, schema: municipalitySchema },
    }),
    needs: [writes('registry'), appends('audit')],
  },
  getMunicipality: {
    entry: 'functions/api/municipalities/get.ts',
    trigger: api({
      method: 'GET',
      path: '/municipalities/{nis}',
      tag: 'municipalities',
      summary: 'profile and corps summary (its municipal roles, coordinator)',
      response: { status: 200, schema: municipalitySchema },
    }),
    needs: [reads('registry')],
  },
  registerVolunteer: {
    entry: 'functions/api/volunteers/register.ts',
    trigger: api({
      method: 'POST',
      path: '/municipalities/{nis}/volunteers',
      tag: 'volunteers',
      summary: 'register a corps member, 16 or older (its municipal-admin, coordinator)',
      body: registerVolunteerBodySchema,
      response: { status: 201, schema: volunteerSchema },
    }),
    needs: [writes('registry'), appends('audit'), parameter('fundedPlaces')],
  },
  putRequesters: {
    entry: 'functions/api/requesters/put.ts',
    trigger: api({
      method: 'PUT',
      path: '/municipalities/{nis}/requesters',
      tag: 'municipalities',
      summary:
        'the officials (token subjects) allowed to launch help requests; answers with the name and e-mail of each invited official on it (its municipal-admin)',
      body: putRequestersBodySchema,
      response: { status: 200, schema: requestersSchema },
    }),
    needs: [writes('registry'), appends('audit')],
  },
  getRequesters: {
    entry: 'functions/api/requesters/get.ts',
    trigger: api({
      tag: 'municipalities',
      method: 'GET',
      path: '/municipalities/{nis}/requesters',
      summary:
        'the officials allowed to launch help requests, by name and e-mail (its municipal-admin, coordinator)',
      response: { status: 200, schema: requestersSchema },
    }),
    needs: [reads('registry')],
  },
  inviteOfficial: {
    entry: 'functions/api/officials/invite.ts',
    trigger: api({
      tag: 'municipalities',
      method: 'POST',
      path: '/municipalities/{nis}/officials',
      summary:
        'invite an official by e-mail: a municipal-admin (coordinator) or a requester, named on the requesters list (coordinator, its municipal-admin); an address already invited 409; honours Idempotency-Key',
      body: inviteOfficialBodySchema,
      response: { status: 201, schema: officialSchema },
    }),
    needs: [writes('registry'), appends('audit'), writes('idempotency'), invitesOfficials],
  },
  listOfficials: {
    entry: 'functions/api/officials/list.ts',
    trigger: api({
      tag: 'municipalities',
      method: 'GET',
      path: '/municipalities/{nis}/officials',
      summary:
        'the officials of the municipality by name, e-mail, role and status: invited, active or disabled (its municipal-admin, coordinator)',
      response: { status: 200, schema: officialListSchema },
    }),
    needs: [reads('registry'), readsOfficialAccounts],
  },
  removeOfficial: {
    entry: 'functions/api/officials/remove.ts',
    trigger: api({
      tag: 'municipalities',
      method: 'DELETE',
      path: '/municipalities/{nis}/officials/{id}',
      summary:
        'remove an official: the account signed out everywhere and disabled, off the requesters list; again is harmless (coordinator; its municipal-admin for requesters)',
      response: { status: 204 },
    }),
    needs: [writes('registry'), appends('audit'), removesOfficials],
  },
  listVolunteers: {
    entry: 'functions/api/volunteers/list.ts',
    trigger: api({
      method: 'GET',
      path: '/municipalities/{nis}/volunteers',
      tag: 'volunteers',
      summary: 'the roster (its municipal-admin, coordinator)',
      response: { status: 200, schema: z.object({ volunteers: z.array(volunteerWithTrainingSchema) }) },
    }),
    needs: [reads('registry')],
  },
  getVolunteer: {
    entry: 'functions/api/volunteers/get.ts',
    trigger: api({
      method: 'GET',
      path: '/volunteers/{id}',
      tag: 'volunteers',
      summary: 'a volunteer record with training status (the volunteer, its municipal-admin, coordinator)',
      response: { status: 200, schema: volunteerWithTrainingSchema },
    }),
    needs: [reads('registry')],
  },
  updateVolunteer: {
    entry: 'functions/api/volunteers/update.ts',
    trigger: api({
      method: 'PATCH',
      path: '/volunteers/{id}',
      tag: 'volunteers',
      summary:
        'update availability (pause until a date), language, skills, contact (the volunteer, its municipal-admin, coordinator)',
      body: updateVolunteerBodySchema,
      response: { status: 200, schema: volunteerSchema },
    }),
    needs: [writes('registry'), appends('audit'), parameter('fundedPlaces')],
  },
  eraseVolunteer: {
    entry: 'functions/api/volunteers/erase.ts',
    trigger: api({
      method: 'DELETE',
      path: '/volunteers/{id}',
      tag: 'volunteers',
      summary:
        'erase: personal data and the sign-in account deleted, insurance claims kept for the insurer without phone or link, anonymous statistics kept; 409 while checked in on site (the volunteer, its municipal-admin, coordinator)',
      response: { status: 204 },
    }),
    needs: [
      writes('registry'),
      writes('operations'),
      appends('audit'),
      parameter('fundedPlaces'),
      appends('erasureLedger'),
      readsLedgerSalt,
      deletesAccounts,
    ],
  },
  recordTraining: {
    entry: 'functions/api/trainings/record.ts',
    trigger: api({
      method: 'POST',
      path: '/volunteers/{id}/trainings',
      tag: 'trainings',
      summary:
        'record a basic first-aid course, yearly refresher or simulation with provider and date (coordinator, its municipal-admin)',
      body: recordTrainingBodySchema,
      response: { status: 201, schema: trainingRecordSchema },
    }),
    needs: [writes('registry'), appends('audit')],
  },
  putTrainingProvider: {
    entry: 'functions/api/training-providers/put.ts',
    trigger: api({
      method: 'PUT',
      path: '/training-providers/{id}',
      tag: 'trainings',
      summary: 'a course provider that meets the quality charter (coordinator)',
      body: putTrainingProviderBodySchema,
      response: { status: 200, schema: trainingProviderSchema },
    }),
    needs: [writes('registry'), appends('audit')],
  },
  registerGroup: {
    entry: 'functions/api/groups/register.ts',
    trigger: api({
      method: 'POST',
      path: '/municipalities/{nis}/groups',
      tag: 'groups',
      summary:
        'a group (scouts, Chiro) joins with a contact person and its members (its municipal-admin, coordinator)',
      body: registerGroupBodySchema,
      response: { status: 201, schema: groupSchema },
    }),
    needs: [writes('registry'), appends('audit'), parameter('fundedPlaces')],
  },
  listGroups: {
    entry: 'functions/api/groups/list.ts',
    trigger: api({
      method: 'GET',
      path: '/municipalities/{nis}/groups',
      tag: 'groups',
      summary: 'the groups of a corps (its municipal-admin, coordinator)',
      response: { status: 200, schema: z.object({ groups: z.array(groupSchema) }) },
    }),
    needs: [reads('registry')],
  },
  recordGroupTraining: {
    entry: 'functions/api/groups/record-training.ts',
    trigger: api({
      method: 'POST',
      path: '/groups/{id}/trainings',
      tag: 'trainings',
      summary:
        'the group followed a course together: recorded for every member (coordinator, its municipal-admin)',
      body: recordTrainingBodySchema,
      response: { status: 201, schema: z.object({ records: z.array(trainingRecordSchema) }) },
    }),
    needs: [writes('registry'), appends('audit')],
  },
  createHelpRequest: {
    entry: 'functions/api/help-requests/create.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests',
      tag: 'help requests',
      summary:
        'launch a help request (requester of the municipality; coordinator with channel phone, refused with 409 while the duty roster is empty); honours Idempotency-Key',
      body: createHelpRequestBodySchema,
      response: { status: 202, schema: launchedHelpRequestSchema },
      machineScope: HELP_REQUESTS_WRITE,
    }),
    needs: [
      reads('registry'),
      writes('operations'),
      writes('idempotency'),
      startsLifecycle,
      parameter('lifecycleTiming'),
      appends('audit'),
    ],
  },
  listHelpRequests: {
    entry: 'functions/api/help-requests/list.ts',
    trigger: api({
      method: 'GET',
      path: '/help-requests',
      tag: 'help requests',
      summary:
        'help requests newest first, a page at a time: of one municipality (?municipality=NIS: its municipal roles, coordinator, crisis-centre) or, without it, of all of Flanders (coordinator, crisis-centre; municipal roles get their own); ?status= filters, open for all but closed',
      query: listHelpRequestsQuerySchema,
      response: { status: 200, schema: helpRequestPageSchema },
      machineScope: HELP_REQUESTS_READ,
    }),
    needs: [reads('operations')],
  },
  getHelpRequest: {
    entry: 'functions/api/help-requests/get.ts',
    trigger: api({
      method: 'GET',
      path: '/help-requests/{id}',
      tag: 'help requests',
      summary:
        'status, scope, counts, timeline and the volunteers the alert SMS could not reach (its municipal roles, coordinator, crisis-centre)',
      response: { status: 200, schema: helpRequestViewSchema },
      // Consoles poll it every few seconds: an unchanged request costs a 304.
      conditional: true,
      // The names behind the answers, for the coordination: members in Registry, spontaneous volunteers in AdHoc.
      machineScope: HELP_REQUESTS_READ,
    }),
    needs: [reads('operations'), reads('registry'), reads('adHoc')],
  },
  listHelpRequestResponses: {
    entry: 'functions/api/help-requests/responses.ts',
    trigger: api({
      method: 'GET',
      path: '/help-requests/{id}/responses',
      tag: 'help requests',
      summary:
        "the request's answers, latest first, a page at a time, with each volunteer's note and where they stand on site (coordinator, crisis-centre)",
      query: requestListPageQuerySchema,
      response: { status: 200, schema: responsePageSchema },
    }),
    needs: [reads('operations'), reads('registry'), reads('adHoc')],
  },
  listHelpRequestOutbox: {
    entry: 'functions/api/help-requests/outbox.ts',
    trigger: api({
      method: 'GET',
      path: '/help-requests/{id}/outbox',
      tag: 'help requests',
      summary:
        'the SMS a dry exercise kept instead of sending, oldest first, a page at a time, phone numbers masked; empty for any other request (its municipal roles, coordinator, crisis-centre)',
      query: requestListPageQuerySchema,
      response: { status: 200, schema: outboxPageSchema },
      machineScope: HELP_REQUESTS_READ,
    }),
    needs: [reads('operations')],
  },
  listHelpRequestTimeline: {
    entry: 'functions/api/help-requests/timeline.ts',
    trigger: api({
      method: 'GET',
      path: '/help-requests/{id}/timeline',
      tag: 'help requests',
      summary:
        "the request's timeline before a cursor (the view's `timelineEarlier`), oldest first, a page at a time (its municipal roles, coordinator, crisis-centre)",
      query: requestListPageQuerySchema,
      response: { status: 200, schema: timelinePageSchema },
      machineScope: HELP_REQUESTS_READ,
    }),
    needs: [reads('operations')],
  },
  listHelpRequestUnreachable: {
    entry: 'functions/api/help-requests/unreachable.ts',
    trigger: api({
      method: 'GET',
      path: '/help-requests/{id}/unreachable',
      tag: 'help requests',
      summary:
        'the volunteers the alert SMS could not reach, by corps, a page at a time: phones for the coordinator only, a municipal role its own corps only',
      query: requestListPageQuerySchema,
      response: { status: 200, schema: unreachablePageSchema },
      machineScope: HELP_REQUESTS_READ,
    }),
    needs: [reads('operations'), reads('registry'), reads('adHoc')],
  },
  acknowledgeHelpRequest: {
    entry: 'functions/api/help-requests/acknowledge.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests/{id}/acknowledge',
      tag: 'help requests',
      summary: 'the coordinator takes the request: the escalation to the backups stops (coordinator)',
      response: { status: 200, schema: acknowledgedHelpRequestSchema },
    }),
    needs: [writes('operations'), resumesLifecycle, appends('audit')],
  },
  putDutyRoster: {
    entry: 'functions/api/duty-roster/put.ts',
    trigger: api({
      method: 'PUT',
      path: '/duty-roster',
      tag: 'duty roster',
      summary: 'who is on duty 24/7, and the backups in order (coordinator)',
      body: putDutyRosterBodySchema,
      response: { status: 200, schema: dutyRosterSchema },
    }),
    needs: [writes('registry'), appends('audit')],
  },
  getDutyRoster: {
    entry: 'functions/api/duty-roster/get.ts',
    trigger: api({
      method: 'GET',
      path: '/duty-roster',
      tag: 'duty roster',
      summary: 'the current duty roster (coordinator)',
      response: { status: 200, schema: dutyRosterSchema },
    }),
    needs: [reads('registry')],
  },
  activate: {
    entry: 'functions/api/help-requests/activate.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests/{id}/activations',
      tag: 'help requests',
      summary:
        'widen the scope and mobilise the added corps in the background (202; progress under `activations` on the request): neighbours or named municipalities (coordinator), province or flanders (coordinator, crisis-centre)',
      body: activationBodySchema,
      response: { status: 202, schema: activationResultSchema },
    }),
    needs: [reads('registry'), writes('operations'), startsActivation, appends('audit')],
  },
  sendCoordinatorUpdate: {
    entry: 'functions/api/help-requests/send-update.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests/{id}/updates',
      tag: 'help requests',
      summary:
        'an SMS from the coordinator to every volunteer who accepted, in one part behind a prefix in their language (coordinator); honours Idempotency-Key',
      body: coordinatorUpdateBodySchema,
      response: { status: 202, schema: coordinatorUpdateSchema },
    }),
    needs: [reads('registry'), reads('adHoc'), writes('operations'), writes('idempotency'), queuesSms],
  },
  checkIn: {
    entry: 'functions/api/help-requests/check-in.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests/{id}/check-ins',
      tag: 'help requests',
      summary: 'a volunteer who accepted arrives on site: the insurance coverage period opens (coordinator)',
      body: checkInOutBodySchema,
      response: { status: 200, schema: deploymentSchema },
    }),
    needs: [writes('operations'), writes('registry'), appends('audit')],
  },
  checkOut: {
    entry: 'functions/api/help-requests/check-out.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests/{id}/check-outs',
      tag: 'help requests',
      summary:
        'a volunteer leaves the site: the coverage period closes and the hours are recorded (coordinator)',
      body: checkInOutBodySchema,
      response: { status: 200, schema: deploymentSchema },
    }),
    needs: [writes('operations'), writes('registry'), appends('audit')],
  },
  closeHelpRequest: {
    entry: 'functions/api/help-requests/close.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests/{id}/close',
      tag: 'help requests',
      summary: 'close: stand-down SMS, then the aftercare window (coordinator)',
      response: { status: 200, schema: closedHelpRequestSchema },
    }),
    needs: [writes('operations'), resumesLifecycle, appends('audit')],
  },
  openSpontaneousCall: {
    entry: 'functions/api/help-requests/spontaneous-call.ts',
    trigger: api({
      method: 'POST',
      path: '/help-requests/{id}/spontaneous-call',
      tag: 'spontaneous call',
      summary:
        "open the spontaneous call once: a public code, the citizens' registration page and the registration route for this request only; 201 the first time, 200 with the same call after (coordinator)",
      response: { status: 201, schema: spontaneousCallSchema, alsoStatus: 200 },
    }),
    needs: [writes('operations'), parameter('publicBaseUrl'), appends('audit')],
  },
  getSpontaneousCall: {
    entry: 'functions/api/spontaneous/get.ts',
    trigger: api({
      method: 'GET',
      path: '/spontaneous/{code}',
      tag: 'spontaneous call',
      summary:
        "what the citizens' registration page shows of a call: the request's title, municipality and whether it is still open; 404 for an unknown code (anyone)",
      public: true,
      response: { status: 200, schema: publicSpontaneousCallSchema },
    }),
    needs: [reads('operations'), reads('adHoc')],
  },
  registerSpontaneous: {
    entry: 'functions/api/spontaneous/register.ts',
    trigger: api({
      method: 'POST',
      path: '/spontaneous/{code}/registrations',
      tag: 'spontaneous call',
      summary:
        'a citizen (16+, with consent, a mobile number of an allowed country) registers for the one request of this call and gets an SMS with a reply code; the same phone again is answered exactly like a new registration (201, an id that names nobody) and sends nothing; a full call is a 422 spontaneous-call-full (anyone, throttled, behind a WAF challenge)',
      public: true,
      throttled: true,
      body: spontaneousRegistrationBodySchema,
      response: { status: 201, schema: spontaneousRegistrationSchema },
    }),
    needs: [
      writes('operations'),
      writes('adHoc'),
      appends('audit'),
      queuesSms,
      parameter('registrationPolicy'),
    ],
  },
  fileClaim: {
    entry: 'functions/api/claims/file.ts',
    trigger: api({
      method: 'POST',
      path: '/claims',
      tag: 'claims',
      summary:
        'file an insurance claim (bodily accident, civil liability) for a deployment, inside a recorded coverage period, else 422 outside-coverage; the claimant gets an SMS (the volunteer for themselves, coordinator for anyone, spontaneous volunteers included); honours Idempotency-Key',
      body: fileClaimBodySchema,
      response: { status: 201, schema: claimSchema },
    }),
    needs: [
      writes('operations'),
      reads('registry'),
      reads('adHoc'),
      appends('audit'),
      writes('idempotency'),
      queuesSms,
    ],
  },
  listClaims: {
    entry: 'functions/api/claims/list.ts',
    trigger: api({
      method: 'GET',
      path: '/claims',
      tag: 'claims',
      summary:
        'claims of a volunteer or of a help request: ?volunteerId= or ?requestId= (coordinator); a volunteer gets their own',
      query: claimListQuerySchema,
      response: { status: 200, schema: z.object({ claims: z.array(claimSchema) }) },
    }),
    needs: [reads('operations')],
  },
  getClaim: {
    entry: 'functions/api/claims/get.ts',
    trigger: api({
      method: 'GET',
      path: '/claims/{id}',
      tag: 'claims',
      summary: 'a claim with its status history (its volunteer, coordinator)',
      response: { status: 200, schema: claimSchema },
    }),
    needs: [reads('operations')],
  },
  updateClaim: {
    entry: 'functions/api/claims/update.ts',
    trigger: api({
      method: 'PATCH',
      path: '/claims/{id}',
      tag: 'claims',
      summary:
        'move the claim on: in-review → sent-to-insurer → settled, or rejected with a reason (coordinator; the claimant gets an SMS); add information while it is submitted (its volunteer) or until it is sent (coordinator)',
      body: updateClaimBodySchema,
      response: { status: 200, schema: claimSchema },
    }),
    needs: [writes('operations'), appends('audit'), queuesSms, parameter('claimRetentionYears')],
  },
  addClaimAttachment: {
    entry: 'functions/api/claims/add-attachment.ts',
    trigger: api({
      method: 'POST',
      path: '/claims/{id}/attachments',
      tag: 'claims',
      summary:
        'add a photo or certificate: records it and answers a presigned URL to PUT the file to, valid 15 minutes (its volunteer while submitted, coordinator until sent)',
      body: attachmentBodySchema,
      response: { status: 201, schema: attachmentUploadSchema },
    }),
    needs: [writes('operations'), appends('audit'), uploadsClaimFiles],
  },
  annualReport: {
    entry: 'functions/api/reports/annual.ts',
    trigger: api({
      method: 'GET',
      path: '/reports/annual/{year}',
      tag: 'reports',
      summary:
        'the yearly report to the Flemish Government from anonymous counters, per municipality, province and Flanders; ?format=csv or svg for a CSV or a chart (coordinator, crisis-centre)',
      query: annualReportQuerySchema,
      response: { status: 200, schema: annualReportSchema, files: ['text/csv', 'image/svg+xml'] },
    }),
    needs: [reads('registry'), reads('operations'), parameter('reportPrices')],
  },
  alertCoordinator: {
    entry: 'functions/workflow/alert-coordinator.ts',
    trigger: { kind: 'task', state: 'AlertCoordinator', callback: true },
    needs: [writes('operations'), reads('registry'), queuesSms, resumesLifecycle],
  },
  rosterExhausted: {
    entry: 'functions/workflow/roster-exhausted.ts',
    trigger: { kind: 'task', state: 'RosterExhausted' },
    needs: [writes('operations'), queuesSms, parameter('crisisCentrePhone')],
  },
  mobilise: {
    entry: 'functions/workflow/mobilise.ts',
    trigger: { kind: 'task', state: 'Mobilise' },
    timeoutSeconds: 300,
    needs: [writes('operations'), reads('registry'), queuesSms, parameter('alertWaves')],
  },
  mobiliseMunicipality: {
    entry: 'functions/workflow/mobilise-municipality.ts',
    trigger: { kind: 'task', machine: 'activation', state: 'MobiliseMunicipality' },
    // The largest corps is a few hundred members: well within a minute, retried by the state machine.
    timeoutSeconds: 120,
    needs: [writes('operations'), reads('registry'), queuesSms],
  },
  finishActivation: {
    entry: 'functions/workflow/finish-activation.ts',
    trigger: { kind: 'task', machine: 'activation', state: 'FinishActivation' },
    // The rosters of the corps that failed, to count the alerts they wrote.
    needs: [writes('operations'), reads('registry')],
  },
  awaitResponses: {
    entry: 'functions/workflow/await-responses.ts',
    trigger: { kind: 'task', state: 'AwaitResponses', callback: true },
    needs: [writes('operations'), resumesLifecycle],
  },
  evaluateResponses: {
    entry: 'functions/workflow/evaluate-responses.ts',
    trigger: { kind: 'task', state: 'EvaluateResponses' },
    // Enough volunteers: the ones still waiting are told, once each, through the dispatcher.
    needs: [writes('operations'), reads('registry'), reads('adHoc'), queuesSms],
  },
  widenScope: {
    entry: 'functions/workflow/widen-scope.ts',
    trigger: { kind: 'task', state: 'WidenScope' },
    needs: [writes('operations'), reads('registry')],
  },
  shortfallAlert: {
    entry: 'functions/workflow/shortfall-alert.ts',
    trigger: { kind: 'task', state: 'ShortfallAlert' },
    needs: [writes('operations'), reads('registry'), queuesSms],
  },
  awaitClose: {
    entry: 'functions/workflow/await-close.ts',
    trigger: { kind: 'task', state: 'AwaitClose', callback: true },
    needs: [writes('operations'), resumesLifecycle],
  },
  standDown: {
    entry: 'functions/workflow/stand-down.ts',
    trigger: { kind: 'task', state: 'StandDown' },
    timeoutSeconds: 300,
    // Checking out whoever is still on site clears their profile's onSiteFor; spontaneous volunteers are stood down too.
    needs: [writes('operations'), writes('registry'), reads('adHoc'), queuesSms, appends('audit')],
  },
  purgeAdHocData: {
    entry: 'functions/workflow/purge-ad-hoc-data.ts',
    trigger: { kind: 'task', state: 'PurgeAdHocData' },
    // Deleting a large call's volunteers in batches of 25 takes seconds; the state bounds it as the function does.
    timeoutSeconds: 300,
    // The ledger gets the purged request's id (no salt needed: a request id names no one).
    needs: [writes('operations'), writes('adHoc'), appends('audit'), appends('erasureLedger')],
  },
  recover: {
    entry: 'functions/workflow/recover.ts',
    trigger: { kind: 'task', state: 'Recover' },
    // The duty roster: who hears of the failure.
    needs: [writes('operations'), reads('registry'), queuesSms, parameter('crisisCentrePhone')],
  },
  purgeFailed: {
    entry: 'functions/workflow/purge-failed.ts',
    trigger: { kind: 'task', state: 'PurgeFailed' },
    needs: [writes('operations')],
  },
  smsDispatcher: {
    entry: 'functions/sms/dispatch.ts',
    trigger: {
      kind: 'queue',
      queue: 'smsDispatch',
      batchSize: DISPATCH_BATCH,
      maxReceives: 5,
      visibilityTimeoutSeconds: 180,
    },
    timeoutSeconds: 30,
    // A volunteer who opted out since their SMS was queued: the member's status, the spontaneous registration's. The
    // lifecycle timing sets an SMS's time to live (an alert's is the response window).
    needs: [
      writes('operations'),
      reads('registry'),
      reads('adHoc'),
      sendsSms,
      parameter('smsPool'),
      parameter('lifecycleTiming'),
    ],
  },
  inboundSmsHandler: {
    entry: 'functions/sms/inbound.ts',
    trigger: { kind: 'topic', topic: 'inboundSms' },
    needs: INBOUND_NEEDS,
  },
  inboundSmsReplay: {
    entry: 'functions/sms/replay-inbound.ts',
    trigger: { kind: 'queue', queue: 'inboundReplay', batchSize: 10, visibilityTimeoutSeconds: 180 },
    needs: INBOUND_NEEDS,
  },
  smsDeliveryStatus: {
    entry: 'functions/sms/delivery-status.ts',
    // The configuration set's events, through the SMS events topic and a queue: a mass activation's receipts come in
    // batches rather than one invocation each.
    trigger: {
      kind: 'queue',
      queue: 'smsEvents',
      batchSize: 25,
      maxReceives: 5,
      visibilityTimeoutSeconds: 180,
    },
    // The retry of a failed SMS goes to the recipient's current phone, looked up then, through the dispatcher.
    needs: [writes('operations'), reads('registry'), reads('adHoc'), queuesSms],
  },
  claimRetention: {
    entry: 'functions/schedule/claim-retention.ts',
    // Early morning in Belgium, far from the day's activations.
    trigger: {
      kind: 'schedule',
      description: 'deletes insurance claims and their files past their retention date',
      cron: { minute: '0', hour: '2' },
    },
    timeoutSeconds: 300,
    needs: [writes('operations'), appends('audit'), deletesClaimFiles],
  },
  preTokenGeneration: {
    entry: 'functions/cognito/pre-token-generation.ts',
    trigger: { kind: 'cognito', operation: 'pre-token-generation' },
    needs: [readsAppClients],
    // Its Cognito client serves machine clients' tokens only; every sign-in would pay for it bundled (38 → 129 ms).
    awsSdk: 'runtime',
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

/** What every API route is told besides its own needs: the console's origin, for its answers' CORS headers. */
export const ROUTE_NEEDS = [parameter('consoleOrigin')] as const;

/** A function's needs with those its trigger implies: what its environment is made of, in AWS and locally. */
export const needsOf = (spec: FunctionSpec): readonly Need[] =>
  spec.trigger.kind === 'api' ? [...spec.needs, ...ROUTE_NEEDS] : spec.needs;

/** The manifest, or a variant of it (the local runtime's tests take a need away to see the function fail). */
export type Manifest = Record<FunctionName, FunctionSpec>;

type Triggered<K extends Trigger['kind']> = FunctionSpec & { trigger: Extract<Trigger, { kind: K }> };

/** The functions one kind of trigger invokes, by name: each stack builds those of the triggers it wires. */
export const functionsTriggeredBy = <K extends Trigger['kind']>(
  kind: K,
  functions: Manifest = FUNCTIONS,
): [FunctionName, Triggered<K>][] =>
  (Object.entries(functions) as [FunctionName, FunctionSpec][]).filter(
    (entry): entry is [FunctionName, Triggered<K>] => entry[1].trigger.kind === kind,
  );
