import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import { publicBaseUrl } from '../../../shared/http/public-url';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { openSpontaneousCall } from '../../../shared/services/spontaneous';
import { operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'openSpontaneousCall'>) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity, path }) => {
    const { call, created } = await openSpontaneousCall(ports, identity, path.id!, publicBaseUrl());
    return { statusCode: created ? 201 : 200, body: call };
  });

export const handler = makeHandler(composePorts({ ...operationsPorts }));
