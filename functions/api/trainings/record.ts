import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { recordTrainingBodySchema } from '../../../shared/schemas/training';
import { recordTraining } from '../../../shared/services/training';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'recordTraining'>) =>
  apiHandler({ body: recordTrainingBodySchema }, async ({ identity, body, path }) => ({
    statusCode: 201,
    body: await recordTraining(ports, identity, path.id!, body),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
