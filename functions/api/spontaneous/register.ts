import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../../shared/ports';
import { spontaneousRegistrationBodySchema } from '../../../shared/schemas/spontaneous';
import { registerSpontaneousVolunteer } from '../../../shared/services/spontaneous';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  apiHandler({ public: true, body: spontaneousRegistrationBodySchema }, async ({ body, path }) => {
    const { registration, created } = await registerSpontaneousVolunteer(ports, path.code!, body);
    return { statusCode: created ? 201 : 200, body: registration };
  });

export const handler = makeHandler(awsPorts(snsPorts));
