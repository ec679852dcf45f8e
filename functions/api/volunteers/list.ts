import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { listVolunteers } from '../../../shared/services/registry';
import { withTrainingStatus } from '../../../shared/services/training';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: {
      volunteers: await Promise.all(
        (await listVolunteers(ports, identity, path.nis!)).map((v) => withTrainingStatus(ports, v)),
      ),
    },
  }));

export const handler = makeHandler(awsPorts());
