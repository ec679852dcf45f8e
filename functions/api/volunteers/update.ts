import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { updateVolunteerBodySchema } from '../../../shared/schemas/volunteer';
import { updateVolunteer } from '../../../shared/services/registry';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({ body: updateVolunteerBodySchema }, async ({ identity, body, path }) => ({
    statusCode: 200,
    body: await updateVolunteer(ports, identity, path.id!, body),
  }));

export const handler = makeHandler(awsPorts());
