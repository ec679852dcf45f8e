import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { getMunicipality } from '../../../shared/services/registry';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: await getMunicipality(ports, identity, path.nis!),
  }));

export const handler = makeHandler(awsPorts());
