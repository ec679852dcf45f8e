import { awsPorts } from '../../../shared/aws-ports';
import { assertCanRegisterVolunteer } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { registerVolunteerBodySchema } from '../../../shared/schemas/volunteer';
import { registerVolunteer } from '../../../shared/services/registry';

export const makeHandler = (ports: BasePorts) =>
  apiHandler(
    {
      body: registerVolunteerBodySchema,
      authorize: (identity, path) => assertCanRegisterVolunteer(identity, path.nis!),
    },
    async ({ identity, body, path }) => {
      const volunteer = await registerVolunteer(ports, identity, path.nis!, body);
      return { statusCode: 201, body: volunteer };
    },
  );

export const handler = makeHandler(awsPorts());
