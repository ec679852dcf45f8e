import { awsPorts } from '../../../shared/aws-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { getDutyRoster } from '../../../shared/services/duty-roster';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity }) => ({
    statusCode: 200,
    body: await getDutyRoster(ports, identity),
  }));

export const handler = makeHandler(awsPorts());
