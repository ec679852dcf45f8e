import type { APIGatewayProxyResult } from 'aws-lambda';
// What zod/mini's parse throws. From core by name: through the `z.core` namespace, esbuild would bundle all of core.
import { $ZodError } from 'zod/v4/core';
import '../schemas/locale';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleViolation, Unauthorized } from '../domain/errors';
import type { ErrorBody, ValidationIssue } from '../schemas/error';

/** A request body that is not JSON at all; reported like a schema violation. */
export class MalformedJson extends Error {
  override readonly name = 'MalformedJson';
}

/** The header that carries the correlation id of every answer, so a caller can quote it to support. */
export const CORRELATION_HEADER = 'x-correlation-id';

// Every error answer names its correlation id, so a caller's report leads straight to the logs.
const jsonOf = (
  statusCode: number,
  body: Omit<ErrorBody, 'correlationId'>,
  correlationId: string,
): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', [CORRELATION_HEADER]: correlationId },
  body: JSON.stringify({ ...body, correlationId } satisfies ErrorBody),
});

const issuesOf = (error: $ZodError): ValidationIssue[] =>
  error.issues.map((issue) => ({
    path: issue.path.join('.'),
    // zod leaves the input out of issues, but names what it received in the message.
    message:
      issue.code === 'invalid_type' && issue.message.endsWith('received undefined')
        ? 'required'
        : issue.message,
  }));

// By name: importing the classes would bundle Powertools idempotency into every route, not only the idempotent ones.
const isPowertoolsIdempotencyError = (
  error: unknown,
  name: 'IdempotencyValidationError' | 'IdempotencyAlreadyInProgressError',
): boolean => error instanceof Error && error.name === name;

/** Maps an error to the body API.md gives it, or undefined when it is not a client's fault. */
export const clientErrorResponse = (
  error: unknown,
  correlationId: string,
): APIGatewayProxyResult | undefined => {
  const json = (statusCode: number, body: Omit<ErrorBody, 'correlationId'>) =>
    jsonOf(statusCode, body, correlationId);
  if (error instanceof $ZodError) return json(400, { error: 'ValidationError', issues: issuesOf(error) });
  if (error instanceof MalformedJson) {
    return json(400, { error: 'ValidationError', issues: [{ path: '', message: error.message }] });
  }
  if (error instanceof InvalidInput) {
    return json(400, { error: 'ValidationError', issues: [{ path: error.path, message: error.message }] });
  }
  if (error instanceof Unauthorized) return json(401, { error: 'Unauthorized' });
  if (error instanceof Forbidden) return json(403, { error: 'Forbidden', message: error.message });
  if (error instanceof NotFound) return json(404, { error: 'NotFound' });
  if (error instanceof Conflict) return json(409, { error: 'Conflict', message: error.message });
  if (error instanceof RuleViolation) {
    return json(422, { error: 'RuleViolation', rule: error.rule, message: error.message });
  }
  if (isPowertoolsIdempotencyError(error, 'IdempotencyValidationError')) {
    return json(422, {
      error: 'RuleViolation',
      rule: 'idempotency-key-reused',
      message: 'this Idempotency-Key was used before with a different body',
    });
  }
  if (isPowertoolsIdempotencyError(error, 'IdempotencyAlreadyInProgressError')) {
    return json(409, {
      error: 'Conflict',
      message: 'a request with this Idempotency-Key is still in progress',
    });
  }
  return undefined;
};

export const internalErrorResponse = (correlationId: string): APIGatewayProxyResult =>
  jsonOf(500, { error: 'InternalError' }, correlationId);
