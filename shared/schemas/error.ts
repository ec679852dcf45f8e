import * as z from 'zod/mini';

/** The `error` of every error body (docs/api.md, "Errors"): the handlers' and API Gateway's own refusals alike. */
export const ERROR_CODES = [
  'ValidationError',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'Conflict',
  'RuleViolation',
  'Throttled',
  'InternalError',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const validationIssueSchema = z.object({
  path: z.string().check(
    z.meta({
      description: 'the field, dot-separated (`needs.0.volunteers`); empty for the body as a whole',
    }),
  ),
  message: z.string().check(z.meta({ description: 'why the value was refused' })),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/** Every error answer of the API, from the error middleware (shared/http/error-response.ts) or API Gateway. */
export const errorBodySchema = z
  .object({
    error: z.enum(ERROR_CODES),
    message: z.optional(z.string()).check(z.meta({ description: 'a sentence for people (403, 409, 422)' })),
    rule: z
      .optional(z.string())
      .check(z.meta({ description: 'the business rule that said no (422), e.g. `minimum-age`' })),
    issues: z
      .optional(z.array(validationIssueSchema))
      .check(z.meta({ description: 'what was refused (400)' })),
    correlationId: z.string().check(
      z.meta({
        description:
          'the id of this request in the logs, also in the `x-correlation-id` header: quote it to support',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;
