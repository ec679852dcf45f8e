import { awsPorts } from '../../../shared/aws-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts, Ports } from '../../../shared/ports';
import { acknowledgeHelpRequest } from '../../../shared/services/help-requests';
import { stepFunctionsPorts } from '../../../shared/workflow/step-functions-ports';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'workflow'>) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity, path }) => {
    const request = await acknowledgeHelpRequest(ports, identity, path.id!);
    return {
      statusCode: 200,
      body: {
        id: request.id,
        acknowledgedAt: request.acknowledgedAt,
        acknowledgedBy: request.acknowledgedBy,
      },
    };
  });

export const handler = makeHandler(awsPorts(stepFunctionsPorts));
