import { composePorts } from '../../../shared/compose-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { claimListQuerySchema } from '../../../shared/schemas/claim';
import { listClaims } from '../../../shared/services/claims';
import { operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'listClaims'>) =>
  apiHandler(
    { authorize: assertMayHandleClaims, query: claimListQuerySchema },
    async ({ identity, query }) => ({
      statusCode: 200,
      body: await listClaims(ports, identity, query),
    }),
  );

export const handler = makeHandler(composePorts({ ...operationsPorts }));
