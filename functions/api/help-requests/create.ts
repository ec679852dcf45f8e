import { awsPorts } from '../../../shared/aws-ports';
import { assertMayLaunchRequests } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentRequests } from '../../../shared/http/idempotency';
import type { BasePorts, Ports } from '../../../shared/ports';
import { createHelpRequestBodySchema } from '../../../shared/schemas/help-request';
import { launchHelpRequest } from '../../../shared/services/help-requests';
import { stepFunctionsPorts } from '../../../shared/workflow/step-functions-ports';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'workflow'>) =>
  apiHandler(
    {
      body: createHelpRequestBodySchema,
      authorize: assertMayLaunchRequests,
      idempotency: idempotentRequests('create-help-request'),
    },
    async ({ identity, body }) => {
      const request = await launchHelpRequest(ports, identity, body);
      return { statusCode: 202, body: { id: request.id, status: request.status } };
    },
  );

export const handler = makeHandler(awsPorts(stepFunctionsPorts));
