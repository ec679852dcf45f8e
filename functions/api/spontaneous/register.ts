import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../../shared/ports';
import { type RegistrationPolicy, registrationPolicy } from '../../../shared/registration-policy';
import { spontaneousRegistrationBodyFor } from '../../../shared/schemas/spontaneous';
import { registerSpontaneousVolunteer } from '../../../shared/services/spontaneous';

/** A repeat answers 201 like a new registration: the status code must not tell a known number apart. */
export const makeHandler = (
  ports: BasePorts & Pick<Ports, 'smsJobs'>,
  policy: RegistrationPolicy = registrationPolicy(),
) =>
  apiHandler(
    { public: true, body: spontaneousRegistrationBodyFor(policy.allowedPhoneCountries) },
    async ({ body, path }) => {
      const { registration } = await registerSpontaneousVolunteer(
        ports,
        path.code!,
        body,
        policy.spontaneousRegistrationCap,
      );
      return { statusCode: 201, body: registration };
    },
  );

export const handler = makeHandler(awsPorts(snsPorts));
