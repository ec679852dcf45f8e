import { composePorts } from '../../../shared/compose-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import { updateClaimBodySchema } from '../../../shared/schemas/claim';
import { updateClaim } from '../../../shared/services/claims';
import { operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'updateClaim'>) =>
  apiHandler(
    { body: updateClaimBodySchema, authorize: assertMayHandleClaims },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await updateClaim(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(composePorts({ ...operationsPorts, ...snsPorts }));
