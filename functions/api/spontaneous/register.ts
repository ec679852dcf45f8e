import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import { type RegistrationPolicy, registrationPolicy } from '../../../shared/registration-policy';
import { spontaneousRegistrationBodyFor } from '../../../shared/schemas/spontaneous';
import { RecentLookups } from '../../../shared/services/recent-lookups';
import {
  RECENT_CALL_SECONDS,
  type RecentCallLookups,
  registerSpontaneousVolunteer,
} from '../../../shared/services/spontaneous';
import { adHocPorts, operationsPorts } from '../../../shared/store/repository-ports';

/** A repeat answers 201 like a new registration: the status code must not tell a known number apart. */
export const makeHandler = (
  ports: PortsOf<'registerSpontaneous'>,
  policy: RegistrationPolicy = registrationPolicy(),
) => {
  // Per warm function: in a surge it reads a call once every few seconds, not once per citizen.
  const recentCalls: RecentCallLookups = new RecentLookups(RECENT_CALL_SECONDS * 1000);
  return apiHandler(
    { public: true, body: spontaneousRegistrationBodyFor(policy.allowedPhoneCountries) },
    async ({ body, path }) => {
      const { registration } = await registerSpontaneousVolunteer(
        ports,
        path.code!,
        body,
        policy.spontaneousRegistrationCap,
        recentCalls,
      );
      return { statusCode: 201, body: registration };
    },
  );
};

export const handler = makeHandler(composePorts({ ...operationsPorts, ...adHocPorts, ...snsPorts }));
