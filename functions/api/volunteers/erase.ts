import { cognitoPorts } from '../../../shared/accounts/cognito-ports';
import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { eraseVolunteer } from '../../../shared/services/registry';
import { erasureLedgerPorts, operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'eraseVolunteer'>) =>
  apiHandler({}, async ({ identity, path }) => {
    await eraseVolunteer(ports, identity, path.id!);
    return { statusCode: 204 };
  });

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...erasureLedgerPorts, ...cognitoPorts }),
);
