import { awsPorts } from '../../../shared/aws-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { getClaim } from '../../../shared/services/claims';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({ authorize: assertMayHandleClaims }, async ({ identity, path }) => ({
    statusCode: 200,
    body: await getClaim(ports, identity, path.id!),
  }));

export const handler = makeHandler(awsPorts());
