import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { getDutyRoster } from '../../../shared/services/duty-roster';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'getDutyRoster'>) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity }) => ({
    statusCode: 200,
    body: await getDutyRoster(ports, identity),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
