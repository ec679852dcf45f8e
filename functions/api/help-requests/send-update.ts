import { awsPorts } from '../../../shared/aws-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentRequests } from '../../../shared/http/idempotency';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../../shared/ports';
import { coordinatorUpdateBodySchema } from '../../../shared/schemas/coordinator-update';
import { sendCoordinatorUpdate } from '../../../shared/services/coordinator-updates';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  apiHandler(
    {
      body: coordinatorUpdateBodySchema,
      authorize: assertCanCoordinate,
      idempotency: idempotentRequests('coordinator-update'),
    },
    async ({ identity, body, path }) => ({
      statusCode: 202,
      body: await sendCoordinatorUpdate(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(awsPorts(snsPorts));
