import { awsPorts } from '../../../shared/aws-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { putDutyRosterBodySchema } from '../../../shared/schemas/duty-roster';
import { putDutyRoster } from '../../../shared/services/duty-roster';

export const makeHandler = (ports: BasePorts) =>
  apiHandler(
    { body: putDutyRosterBodySchema, authorize: assertCanCoordinate },
    async ({ identity, body }) => ({
      statusCode: 200,
      body: await putDutyRoster(ports, identity, body),
    }),
  );

export const handler = makeHandler(awsPorts());
