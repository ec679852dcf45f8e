import { composePorts } from '../../../shared/compose-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentRequests } from '../../../shared/http/idempotency';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import { fileClaimBodySchema } from '../../../shared/schemas/claim-form';
import { fileClaim } from '../../../shared/services/claims';
import { adHocPorts, operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'fileClaim'>) =>
  apiHandler(
    {
      body: fileClaimBodySchema,
      authorize: assertMayHandleClaims,
      // A retried submission (a phone on a poor connection) must not file the same claim twice.
      idempotency: idempotentRequests('file-claim'),
    },
    async ({ identity, body }) => ({ statusCode: 201, body: await fileClaim(ports, identity, body) }),
  );

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts }),
);
