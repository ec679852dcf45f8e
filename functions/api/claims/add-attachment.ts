import { s3Ports } from '../../../shared/attachments/s3-ports';
import { awsPorts } from '../../../shared/aws-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts, Ports } from '../../../shared/ports';
import { attachmentBodySchema } from '../../../shared/schemas/claim';
import { addClaimAttachment } from '../../../shared/services/claims';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'attachments'>) =>
  apiHandler(
    { body: attachmentBodySchema, authorize: assertMayHandleClaims },
    async ({ identity, body, path }) => ({
      statusCode: 201,
      body: await addClaimAttachment(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(awsPorts(s3Ports));
