import { cognitoPorts } from '../../../shared/accounts/cognito-ports';
import { composePorts } from '../../../shared/compose-ports';
import { assertMayManageOfficials } from '../../../shared/domain/officials';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentRequests } from '../../../shared/http/idempotency';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { inviteOfficialBodySchema } from '../../../shared/schemas/official';
import { inviteOfficial } from '../../../shared/services/officials';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'inviteOfficial'>) =>
  apiHandler(
    {
      body: inviteOfficialBodySchema,
      authorize: (identity, path) => assertMayManageOfficials(identity, path.nis!),
      idempotency: idempotentRequests('invite-official'),
    },
    async ({ identity, body, path }) => ({
      statusCode: 201,
      body: await inviteOfficial(ports, identity, path.nis!, body),
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts, ...cognitoPorts }));
