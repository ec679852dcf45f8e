import { cognitoPorts } from '../../../shared/accounts/cognito-ports';
import { composePorts } from '../../../shared/compose-ports';
import { assertMayManageOfficials } from '../../../shared/domain/officials';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { removeOfficial } from '../../../shared/services/officials';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'removeOfficial'>) =>
  apiHandler(
    { authorize: (identity, path) => assertMayManageOfficials(identity, path.nis!) },
    async ({ identity, path }) => {
      await removeOfficial(ports, identity, path.nis!, path.id!);
      return { statusCode: 204 };
    },
  );

export const handler = makeHandler(composePorts({ ...registryPorts, ...cognitoPorts }));
