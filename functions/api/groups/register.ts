import { awsPorts } from '../../../shared/aws-ports';
import { assertCanRegisterVolunteer } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { registerGroupBodySchema } from '../../../shared/schemas/group';
import { registerGroup } from '../../../shared/services/groups';

export const makeHandler = (ports: BasePorts) =>
  apiHandler(
    {
      body: registerGroupBodySchema,
      authorize: (identity, path) => assertCanRegisterVolunteer(identity, path.nis!),
    },
    async ({ identity, body, path }) => ({
      statusCode: 201,
      body: await registerGroup(ports, identity, path.nis!, body),
    }),
  );

export const handler = makeHandler(awsPorts());
