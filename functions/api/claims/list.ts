import { awsPorts } from '../../../shared/aws-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { claimListQuerySchema } from '../../../shared/schemas/claim';
import { listClaims } from '../../../shared/services/claims';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({ authorize: assertMayHandleClaims }, async ({ identity, query }) => ({
    statusCode: 200,
    body: await listClaims(ports, identity, claimListQuerySchema.parse(query)),
  }));

export const handler = makeHandler(awsPorts());
