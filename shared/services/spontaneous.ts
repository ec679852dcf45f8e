import { randomInt } from 'node:crypto';
import { assertCanCoordinate } from '../domain/access';
import type { Alert } from '../domain/alert';
import { auditRequestAct } from '../domain/audit';
import { belgianDate } from '../domain/dates';
import { Conflict, NotFound } from '../domain/errors';
import { dryJob, exerciseMark } from '../domain/exercise';
import type { Identity } from '../domain/identity';
import { replyCodeFor } from '../domain/reply-code';
import { keptElsewhereAfterPurge } from '../domain/retention';
import { renderSpontaneousWelcomeSms } from '../domain/sms-templates';
import {
  assertCanOpenSpontaneousCall,
  callMarkedFull,
  DEFAULT_SPONTANEOUS_REGISTRATION_CAP,
  newCallCode,
  newSpontaneousVolunteer,
  normaliseCallCode,
  spontaneousCallFull,
  spontaneousTotals,
} from '../domain/spontaneous';
import type { Ports } from '../ports';
import type { HelpRequest, PurgeReceipt } from '../schemas/help-request';
import type {
  PublicSpontaneousCall,
  SpontaneousCall,
  SpontaneousRegistration,
  SpontaneousRegistrationBody,
} from '../schemas/spontaneous';
import { registrationPageUrl } from '../web/page-paths';
import type { RecentLookups } from './recent-lookups';
import { requireHelpRequest } from './require-help-request';

/** Collisions among 29^10 codes are practically impossible; a few tries make them harmless all the same. */
const CODE_ATTEMPTS = 3;

const callOf = (call: { code: string; openedAt: string }, publicBaseUrl: string): SpontaneousCall => ({
  ...call,
  registrationUrl: registrationPageUrl(publicBaseUrl, call.code),
  registrationPath: `/spontaneous/${call.code}/registrations`,
});

type CallLookup = { code: string; request: HelpRequest; fullAtCap?: number };
/** A registration function's memory of the calls it read in the last seconds. */
export type RecentCallLookups = RecentLookups<CallLookup>;
/** How long a warm registration function trusts what it read of a call. */
export const RECENT_CALL_SECONDS = 2;

/**
 * The request behind a call's public code, or NotFound: an unknown code and a malformed one look alike. With it,
 * the cap under which the call was marked full, if it was.
 */
const requestForCode = async (
  ports: Pick<Ports, 'helpRequests' | 'adHoc'>,
  rawCode: string,
): Promise<CallLookup> => {
  const code = normaliseCallCode(rawCode);
  const call = code ? await ports.adHoc.callForCode(code) : undefined;
  const request = call && code ? await ports.helpRequests.get(call.requestId) : undefined;
  if (!call || !request || !code) throw new NotFound('spontaneous call');
  return { code, request, ...(call.fullAtCap === undefined ? {} : { fullAtCap: call.fullAtCap }) };
};

/** The public facts the citizens' page shows for a call: anyone may read them, so nothing about people. */
export const describeSpontaneousCall = async (
  ports: Pick<Ports, 'helpRequests' | 'adHoc'>,
  rawCode: string,
): Promise<PublicSpontaneousCall> => {
  const { code, request } = await requestForCode(ports, rawCode);
  return {
    code,
    status: request.status === 'closed' ? 'closed' : 'open',
    title: request.title,
    municipalityName: request.municipalityName,
    adultsOnly: request.needs.every((need) => need.adultsOnly),
  };
};

/**
 * The coordinator opens the spontaneous call of a request, once: a second call hands back the same code.
 * `created` tells the first opening apart.
 */
export const openSpontaneousCall = async (
  ports: Pick<Ports, 'helpRequests' | 'clock'>,
  who: Identity,
  requestId: string,
  publicBaseUrl: string,
): Promise<{ call: SpontaneousCall; created: boolean }> => {
  assertCanCoordinate(who);
  for (let attempt = 1; ; attempt++) {
    const request = await requireHelpRequest(ports, requestId);
    assertCanOpenSpontaneousCall(request);
    if (request.spontaneousCall)
      return { call: callOf(request.spontaneousCall, publicBaseUrl), created: false };
    const code = newCallCode(randomInt);
    const now = ports.clock.now().toISOString();
    if (
      await ports.helpRequests.openSpontaneousCall(
        requestId,
        code,
        now,
        auditRequestAct(who, 'spontaneous-call-opened', requestId, now),
      )
    ) {
      return { call: callOf({ code, openedAt: now }, publicBaseUrl), created: true };
    }
    // Opened or closed meanwhile (read again to say which), or the code was taken: try once more.
    if (attempt >= CODE_ATTEMPTS) throw new Conflict('the spontaneous call could not be opened; try again');
  }
};

/**
 * A citizen registers for the one request behind `code`. They are insured from now on and alerted with a reply
 * code like a member (unless every task is for adults and they are 16 or 17). The call takes `cap` registrations.
 * A phone already registered for the request is answered exactly like a new one — the id this registration would
 * have had (stored nowhere) and the status this body earns — so the answer tells nobody the number was known.
 */
export const registerSpontaneousVolunteer = async (
  ports: Pick<Ports, 'helpRequests' | 'adHoc' | 'smsJobs' | 'clock' | 'newId'>,
  rawCode: string,
  body: SpontaneousRegistrationBody,
  cap = DEFAULT_SPONTANEOUS_REGISTRATION_CAP,
  /**
   * The calls this function read lately. A call closed or filled since it was read is still refused: by the
   * registration's own write, which checks the request and the cap's shards.
   */
  recentCalls?: RecentCallLookups,
): Promise<{ registration: SpontaneousRegistration }> => {
  const clock = ports.clock.now();
  const { code, request, fullAtCap } = recentCalls
    ? await recentCalls.get(normaliseCallCode(rawCode) ?? rawCode, clock.getTime(), () =>
        requestForCode(ports, rawCode),
      )
    : await requestForCode(ports, rawCode);
  if (request.status === 'closed') throw new Conflict('the help request is closed');
  const now = clock.toISOString();
  const volunteer = newSpontaneousVolunteer(body, request, {
    id: ports.newId(),
    now,
    today: belgianDate(clock),
  });
  const alert: Alert | undefined =
    volunteer.status === 'alerted'
      ? {
          requestId: request.id,
          volunteerId: volunteer.id,
          municipality: request.municipality,
          code: replyCodeFor(request.id, volunteer.id),
          smsStatus: 'queued',
          createdAt: now,
          spontaneous: true,
        }
      : undefined;
  // A call marked full is refused on the read of its code: a surge would otherwise cost a transaction per shard.
  if (callMarkedFull(fullAtCap, cap)) throw spontaneousCallFull(cap);
  const registered = await ports.adHoc.register(volunteer, alert, request, { code, cap });
  // A repeated registration queues the first one's SMS again only while it is unsent (a retry after a lost
  // enqueue): the dispatcher sends it once, so the phone never gets a second SMS.
  if (registered.alert && registered.alert.smsStatus !== 'sent') {
    await ports.smsJobs.enqueue([
      {
        requestId: request.id,
        kind: 'alert',
        volunteerId: registered.volunteer.id,
        spontaneous: true,
        to: registered.volunteer.phone,
        ...dryJob(request),
        body: renderSpontaneousWelcomeSms(registered.volunteer.language, {
          municipality: request.municipalityName,
          title: request.title,
          code: registered.alert.code,
          ...exerciseMark(request),
        }),
      },
    ]);
  }
  return { registration: { id: volunteer.id, status: volunteer.status } };
};

/**
 * After the aftercare window: folds the spontaneous volunteers into anonymous totals, stores the receipt (once),
 * then deletes every item about them and what the SMS channel keeps of their numbers. Safe to re-run: the first
 * receipt stays, and whatever a crashed run left behind is deleted.
 */
export const purgeAdHocData = async (
  ports: Pick<
    Ports,
    'helpRequests' | 'adHoc' | 'claims' | 'smsTraces' | 'erasureLedger' | 'clock' | 'metrics'
  >,
  requestId: string,
): Promise<PurgeReceipt> => {
  const request = await requireHelpRequest(ports, requestId);
  if (request.status !== 'closed') throw new Error(`help request ${requestId} is not closed`);
  const footprint = await ports.adHoc.footprint(request);
  const phones = [...new Set(footprint.volunteers.map((v) => v.phone))];
  const totals = spontaneousTotals(footprint.volunteers, footprint.alerts, footprint.deployments);
  // Their claims are insurance files kept under a legal obligation until their own retention date.
  const claims = (await ports.claims.listForRequest(requestId)).filter((claim) => claim.claimant.spontaneous);
  const now = ports.clock.now();
  const receipt: PurgeReceipt = {
    purgedAt: now.toISOString(),
    totals,
    deleted: {
      registrations: footprint.adHoc.registrations.length,
      phoneEntries: footprint.adHoc.phoneEntries.length,
      ...Object.fromEntries(Object.entries(footprint.operations).map(([kind, keys]) => [kind, keys.length])),
      smsTraces: await ports.smsTraces.count(phones),
    } as PurgeReceipt['deleted'],
    elsewhere: keptElsewhereAfterPurge(now),
    keptUnderInsuranceRetention: { claims: claims.length },
  };
  const stored = await ports.adHoc.storeReceipt(requestId, receipt, totals);
  // Before deleting: a restore of the tables from before this purge is made to purge the request again.
  await ports.erasureLedger.recordPurge(requestId, now);
  await ports.adHoc.deleteFootprint(footprint);
  await ports.smsTraces.forget(phones);
  if (stored) {
    // Counted by the run that stored the receipt only, so a retried purge adds nothing.
    ports.metrics.add('PurgedSpontaneousVolunteers', totals.registered);
    return receipt;
  }
  const first = await ports.adHoc.receipt(requestId);
  if (!first) throw new Error(`the purge receipt of ${requestId} is missing`);
  return first;
};
