import { type CreateHelpRequestBody, createHelpRequestBodySchema } from '../../shared/schemas/help-request';

/** A valid launch body for Gent, parsed by the real schema so defaults are applied as in the API. */
export const aCreateHelpRequestBody = (overrides: Record<string, unknown> = {}): CreateHelpRequestBody =>
  createHelpRequestBodySchema.parse({
    municipality: '44021',
    title: 'Wateroverlast Gentbrugge',
    needs: [{ task: 'logistics', volunteers: 12 }],
    location: { postcode: '9050' },
    ...overrides,
  });
