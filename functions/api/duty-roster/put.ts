import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { putDutyRosterBodySchema } from '../../../shared/schemas/duty-roster';
import { putDutyRoster } from '../../../shared/services/duty-roster';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'putDutyRoster'>) =>
  apiHandler(
    { body: putDutyRosterBodySchema, authorize: assertCanCoordinate },
    async ({ identity, body }) => ({
      statusCode: 200,
      body: await putDutyRoster(ports, identity, body),
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts }));
