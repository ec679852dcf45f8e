import { s3Ports } from '../../../shared/attachments/s3-ports';
import { composePorts } from '../../../shared/compose-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { attachmentBodySchema } from '../../../shared/schemas/claim';
import { addClaimAttachment } from '../../../shared/services/claims';
import { operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'addClaimAttachment'>) =>
  apiHandler(
    { body: attachmentBodySchema, authorize: assertMayHandleClaims },
    async ({ identity, body, path }) => ({
      statusCode: 201,
      body: await addClaimAttachment(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(composePorts({ ...operationsPorts, ...s3Ports }));
