import { composePorts } from '../../../shared/compose-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentRequests } from '../../../shared/http/idempotency';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import { fileClaimBodySchema } from '../../../shared/schemas/claim-form';
import { type ClaimPorts, fileClaim } from '../../../shared/services/claims';
import { adHoc, claims, deployments, helpRequests, volunteers } from '../../../shared/store/repository-ports';

// The repositories the filing uses, one by one: a table's whole map would take this bundle over 250 KB.
export const makeHandler = (ports: Pick<PortsOf<'fileClaim'>, keyof ClaimPorts>) =>
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
  composePorts({ helpRequests, deployments, volunteers, adHoc, claims, ...snsPorts }),
);
