import { awsPorts } from '../../../shared/aws-ports';
import { assertMayActivate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../../shared/ports';
import { activationBodySchema } from '../../../shared/schemas/activation';
import { activate } from '../../../shared/services/help-requests';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  apiHandler(
    { body: activationBodySchema, authorize: assertMayActivate },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await activate(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(awsPorts(snsPorts));
