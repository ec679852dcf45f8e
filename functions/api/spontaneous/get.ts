import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { describeSpontaneousCall } from '../../../shared/services/spontaneous';
import { adHocPorts, operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'getSpontaneousCall'>) =>
  apiHandler({ public: true }, async ({ path }) => ({
    statusCode: 200,
    body: await describeSpontaneousCall(ports, path.code!),
  }));

export const handler = makeHandler(composePorts({ ...operationsPorts, ...adHocPorts }));
