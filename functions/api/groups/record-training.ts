import { composePorts } from '../../../shared/compose-ports';
import { assertMayManageCorps } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { recordTrainingBodySchema } from '../../../shared/schemas/training';
import { recordGroupTraining } from '../../../shared/services/groups';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'recordGroupTraining'>) =>
  apiHandler(
    { body: recordTrainingBodySchema, authorize: assertMayManageCorps },
    async ({ identity, body, path }) => ({
      statusCode: 201,
      body: { records: await recordGroupTraining(ports, identity, path.id!, body) },
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts }));
