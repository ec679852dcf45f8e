import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { listGroups } from '../../../shared/services/groups';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: { groups: await listGroups(ports, identity, path.nis!) },
  }));

export const handler = makeHandler(awsPorts());
