import { awsPorts } from '../../../shared/aws-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { Ports } from '../../../shared/ports';
import { updateClaimBodySchema } from '../../../shared/schemas/claim';
import { updateClaim } from '../../../shared/services/claims';

export const makeHandler = (ports: Ports) =>
  apiHandler(
    { body: updateClaimBodySchema, authorize: assertMayHandleClaims },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await updateClaim(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(awsPorts());
