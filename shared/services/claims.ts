import { attachmentKey } from '../attachments/ports';
import {
  assertCanAddToClaim,
  assertCanFileFor,
  assertCanMoveClaim,
  assertCanSeeClaim,
  assertMayHandleClaims,
  assertWithinCoverage,
  type ClaimStatus,
  type CoveragePeriod,
} from '../domain/claim';
import { Forbidden, NotFound, RuleViolation } from '../domain/errors';
import { hasRole, type Identity } from '../domain/identity';
import { claimRetainUntil } from '../domain/retention';
import { renderClaimStatusSms } from '../domain/sms-templates';
import type { Ports } from '../ports';
import {
  type AttachmentBody,
  type AttachmentUpload,
  type Claim,
  MAX_ATTACHMENTS,
  type UpdateClaimBody,
} from '../schemas/claim';
import type { FileClaimBody } from '../schemas/claim-form';
import { personBehind } from './people';
import { requireHelpRequest } from './require-help-request';

export type ClaimPorts = Pick<
  Ports,
  'helpRequests' | 'deployments' | 'volunteers' | 'adHoc' | 'claims' | 'smsJobs' | 'clock' | 'newId'
>;

/**
 * Tells the claimant their claim reached `status`; the record written with the change makes a resend a no-op. An
 * erased claimant has no phone on the claim: their record was written withheld, and nothing is sent.
 */
const notifyClaimant = async (ports: Pick<Ports, 'smsJobs'>, claim: Claim, status: ClaimStatus) => {
  const to = claim.claimant.phone;
  if (!to) return;
  await ports.smsJobs.enqueue([
    {
      requestId: claim.requestId,
      kind: 'claim-status',
      claimId: claim.id,
      status,
      to,
      body: renderClaimStatusSms(claim.claimant.language, { claimId: claim.id, status }),
    },
  ]);
};

/**
 * Files a claim for a deployment: only for an incident inside a coverage period the tool recorded (check-in to
 * check-out, or to now while on site). It works during the aftercare window too, until the purge: the claim then
 * keeps its own copy of the claimant's name and phone and of the coverage periods, and no link to the registration.
 */
export const fileClaim = async (ports: ClaimPorts, who: Identity, body: FileClaimBody): Promise<Claim> => {
  assertMayHandleClaims(who);
  assertCanFileFor(who, body.volunteerId);
  const request = await requireHelpRequest(ports, body.requestId);
  const deployment = await ports.deployments.get(body.requestId, body.volunteerId);
  const coverage: CoveragePeriod[] = [
    ...(deployment?.periods ?? []),
    // The close ends every period, even while its check-out (the stand-down step) is still on its way.
    ...(deployment?.onSiteSince
      ? [{ from: deployment.onSiteSince, ...(request.closedAt ? { to: request.closedAt } : {}) }]
      : []),
  ];
  const now = ports.clock.now();
  assertWithinCoverage(body.occurredAt, coverage, now);
  // A spontaneous volunteer is known on this request only; anyone else is a corps member.
  const deployed = { requestId: body.requestId, volunteerId: body.volunteerId };
  const spontaneous = await personBehind(ports, { ...deployed, spontaneous: true });
  const person = spontaneous ?? (await personBehind(ports, deployed));
  if (!person) throw new NotFound('volunteer');
  const filedAt = now.toISOString();
  const { volunteerId, ...form } = body;
  const claim: Claim = {
    ...form,
    id: ports.newId(),
    municipality: request.municipality,
    ...(spontaneous ? {} : { volunteerId }),
    claimant: {
      name: person.name,
      phone: person.phone,
      language: person.language,
      spontaneous: !!spontaneous,
    },
    coverage,
    status: 'submitted',
    history: [{ status: 'submitted', at: filedAt, by: who.sub }],
    information: [],
    attachments: [],
    filedAt,
    filedBy: who.sub,
  };
  await ports.claims.create(claim, who);
  await notifyClaimant(ports, claim, 'submitted');
  return claim;
};

const visibleClaim = async (ports: Pick<Ports, 'claims'>, who: Identity, id: string): Promise<Claim> => {
  assertMayHandleClaims(who);
  const claim = await ports.claims.get(id);
  if (!claim) throw new NotFound('claim');
  assertCanSeeClaim(who, claim);
  return claim;
};

export const getClaim = (ports: Pick<Ports, 'claims'>, who: Identity, id: string): Promise<Claim> =>
  visibleClaim(ports, who, id);

/**
 * A coordinator moves the claim on (each move audited, the claimant told by SMS); the claimant or the coordinator
 * adds information while the claim is still being put together. Two moves at once: the first wins, the other gets 409.
 */
export const updateClaim = async (
  ports: Pick<Ports, 'claims' | 'smsJobs' | 'clock' | 'claimRetentionYears'>,
  who: Identity,
  id: string,
  body: UpdateClaimBody,
): Promise<Claim> => {
  const claim = await visibleClaim(ports, who, id);
  if (body.status) assertCanMoveClaim(who, claim.status, body.status);
  if (body.information) assertCanAddToClaim(who, claim.status);
  const at = ports.clock.now().toISOString();
  const retainUntil = body.status && claimRetainUntil(body.status, at, ports.claimRetentionYears);
  const updated = await ports.claims.update(
    claim,
    {
      ...(body.status ? { to: body.status } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.information ? { information: body.information } : {}),
      ...(retainUntil ? { retainUntil } : {}),
    },
    who,
    at,
  );
  if (body.status) await notifyClaimant(ports, updated, body.status);
  return updated;
};

/** Records an attachment on the claim and hands out the URL its file goes to (straight to storage). */
export const addClaimAttachment = async (
  ports: Pick<Ports, 'claims' | 'attachments' | 'clock' | 'newId'>,
  who: Identity,
  id: string,
  body: AttachmentBody,
): Promise<AttachmentUpload> => {
  const claim = await visibleClaim(ports, who, id);
  assertCanAddToClaim(who, claim.status);
  if (claim.attachments.length >= MAX_ATTACHMENTS) {
    throw new RuleViolation('too-many-attachments', `a claim holds at most ${MAX_ATTACHMENTS} attachments`);
  }
  const now = ports.clock.now();
  const attachment = { id: ports.newId(), ...body, addedAt: now.toISOString(), addedBy: who.sub };
  await ports.claims.update(claim, { attachment, maxAttachments: MAX_ATTACHMENTS }, who, attachment.addedAt);
  const upload = await ports.attachments.presignUpload(attachmentKey(claim.id, attachment.id), body, now);
  return { attachment, upload: { method: 'PUT', ...upload } };
};

/** A coordinator lists the claims of a volunteer or of a help request; a volunteer lists their own. */
export const listClaims = async (
  ports: Pick<Ports, 'claims'>,
  who: Identity,
  query: { volunteerId?: string | undefined; requestId?: string | undefined },
): Promise<{ claims: Claim[] }> => {
  assertMayHandleClaims(who);
  if (!hasRole(who, 'coordinator')) {
    if (!who.volunteerId || (query.volunteerId && query.volunteerId !== who.volunteerId)) {
      throw new Forbidden('a volunteer lists their own claims only');
    }
    const own = await ports.claims.listForVolunteer(who.volunteerId);
    return { claims: query.requestId ? own.filter((c) => c.requestId === query.requestId) : own };
  }
  if (query.volunteerId) return { claims: await ports.claims.listForVolunteer(query.volunteerId) };
  if (query.requestId) return { claims: await ports.claims.listForRequest(query.requestId) };
  throw new RuleViolation('filter-required', 'requestId: give volunteerId or requestId');
};
