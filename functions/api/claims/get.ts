import { composePorts } from '../../../shared/compose-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { getClaim } from '../../../shared/services/claims';
import { operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'getClaim'>) =>
  apiHandler({ authorize: assertMayHandleClaims }, async ({ identity, path }) => ({
    statusCode: 200,
    body: await getClaim(ports, identity, path.id!),
  }));

export const handler = makeHandler(composePorts({ ...operationsPorts }));
