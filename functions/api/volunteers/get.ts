import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { getVolunteer } from '../../../shared/services/registry';
import { withTrainingStatus } from '../../../shared/services/training';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: await withTrainingStatus(ports, await getVolunteer(ports, identity, path.id!)),
  }));

export const handler = makeHandler(awsPorts());
