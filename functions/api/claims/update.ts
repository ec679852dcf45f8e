import { awsPorts } from '../../../shared/aws-ports';
import { assertMayHandleClaims } from '../../../shared/domain/claim';
import { apiHandler } from '../../../shared/http/api-handler';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../../shared/ports';
import { updateClaimBodySchema } from '../../../shared/schemas/claim';
import { updateClaim } from '../../../shared/services/claims';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  apiHandler(
    { body: updateClaimBodySchema, authorize: assertMayHandleClaims },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await updateClaim(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(awsPorts(snsPorts));
