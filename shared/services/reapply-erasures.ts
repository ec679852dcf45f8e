import type { Identity } from '../domain/identity';
import type { Ports } from '../ports';
import type { AdHocFootprint } from '../store/ad-hoc-repository';
import { eraseVolunteer } from './registry';
import { purgeAdHocData } from './spontaneous';

/** Re-applies what a member's municipal-admin or a coordinator once ordered; the audit trail names the command. */
const REAPPLIER: Identity = { sub: 'ops:reapply-erasures', roles: ['coordinator'] };

/** Counts only: what the ledger holds and what a restore had brought back. */
export interface ReapplyCounts {
  ledgerErasures: number;
  ledgerPurges: number;
  membersErasedAgain: number;
  requestsPurgedAgain: number;
  registrationsDeletedAgain: number;
}

const isEmpty = (footprint: AdHocFootprint): boolean =>
  footprint.volunteers.length === 0 &&
  [...Object.values(footprint.adHoc), ...Object.values(footprint.operations)].every(
    (keys) => keys.length === 0,
  );

/**
 * After a point-in-time restore: erases again every member the ledger knows as erased whom the restored tables hold,
 * exactly as their erasure did, and purges again every purged request whose spontaneous volunteers are back. Safe to
 * re-run: a second run finds nothing to do.
 */
export const reapplyErasures = async (
  ports: Parameters<typeof eraseVolunteer>[0] & Parameters<typeof purgeAdHocData>[0] & Pick<Ports, 'adHoc'>,
): Promise<ReapplyCounts> => {
  const { erased, purged } = await ports.erasureLedger.erasedAndPurged();
  const back: string[] = [];
  for (const id of await ports.volunteers.allIds()) {
    if (erased.has(await ports.erasureLedger.pseudonymOf(id))) back.push(id);
  }
  for (const id of back) {
    await ports.volunteers.forgetRestoredOnSite(id);
    await eraseVolunteer(ports, REAPPLIER, id);
  }

  let requestsPurgedAgain = 0;
  let registrationsDeletedAgain = 0;
  for (const requestId of purged) {
    const request = await ports.helpRequests.get(requestId);
    const footprint = await ports.adHoc.footprint(request ?? { id: requestId });
    if (isEmpty(footprint)) continue;
    requestsPurgedAgain++;
    registrationsDeletedAgain += footprint.volunteers.length;
    // A request restored to before its close cannot take the purge's receipt: its footprint goes all the same.
    if (request?.status === 'closed') await purgeAdHocData(ports, requestId);
    else await ports.adHoc.deleteFootprint(footprint);
  }
  return {
    ledgerErasures: erased.size,
    ledgerPurges: purged.length,
    membersErasedAgain: back.length,
    requestsPurgedAgain,
    registrationsDeletedAgain,
  };
};
