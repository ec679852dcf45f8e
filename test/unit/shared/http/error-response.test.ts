import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  Conflict,
  DomainError,
  Forbidden,
  InvalidInput,
  NotFound,
  RuleViolation,
  Unauthorized,
} from '../../../../shared/domain/errors';
import {
  clientErrorResponse,
  internalErrorResponse,
  MalformedJson,
} from '../../../../shared/http/error-response';
import { errorBodySchema } from '../../../../shared/schemas/error';
import { createHelpRequestBodySchema } from '../../../../shared/schemas/help-request';

const zodErrorOf = (schema: z.ZodMiniType, input: unknown): z.core.$ZodError => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be invalid');
  return result.error;
};

const CORRELATION_ID = 'corr-123';

const bodyOf = (error: unknown): unknown => {
  const response = clientErrorResponse(error, CORRELATION_ID);
  if (!response) throw new Error('expected a client error response');
  return JSON.parse(response.body);
};

describe('clientErrorResponse', () => {
  it.each([
    { error: zodErrorOf(z.object({ a: z.string() }), {}), status: 400 },
    { error: new MalformedJson('Unexpected token } in JSON'), status: 400 },
    { error: new Unauthorized(), status: 401 },
    { error: new Forbidden('only a coordinator does this'), status: 403 },
    { error: new NotFound('help request'), status: 404 },
    { error: new Conflict('the request is closed'), status: 409 },
    { error: new RuleViolation('minimum-age', 'too young'), status: 422 },
    { error: new IdempotencyValidationError('payload differs'), status: 422 },
    { error: new IdempotencyAlreadyInProgressError('in progress'), status: 409 },
  ])('answers $status with a JSON body carrying the correlation id for $error.name', ({ error, status }) => {
    const response = clientErrorResponse(error, CORRELATION_ID);
    expect(response?.statusCode).toBe(status);
    expect(response?.headers).toEqual({
      'content-type': 'application/json',
      'x-correlation-id': CORRELATION_ID,
    });
    expect(JSON.parse(response?.body ?? '')).toMatchObject({ correlationId: CORRELATION_ID });
  });

  it.each([
    zodErrorOf(z.object({ a: z.string() }), {}),
    new MalformedJson('Unexpected token } in JSON'),
    new InvalidInput('cursor', 'not a cursor of this list'),
    new Unauthorized(),
    new Forbidden('only a coordinator does this'),
    new NotFound('help request'),
    new Conflict('the request is closed'),
    new RuleViolation('minimum-age', 'too young'),
    new IdempotencyValidationError('payload differs'),
    new IdempotencyAlreadyInProgressError('in progress'),
  ])('answers %s with a body the OpenAPI Error schema describes, field for field', (error) => {
    expect(z.strictObject(errorBodySchema.shape).parse(bodyOf(error))).toEqual(bodyOf(error));
  });

  it('lists a schema violation as curated path/message issues and says "required" for a missing field', () => {
    const error = zodErrorOf(createHelpRequestBodySchema, {
      municipality: '4402',
      needs: [{ task: 'logistics', volunteers: 0 }],
      location: { postcode: '9050' },
    });
    expect(bodyOf(error)).toEqual({
      error: 'ValidationError',
      correlationId: CORRELATION_ID,
      issues: [
        { path: 'municipality', message: 'a NIS code has 5 digits' },
        { path: 'title', message: 'required' },
        { path: 'needs.0.volunteers', message: expect.stringContaining('>=1') },
      ],
    });
  });

  it('gives only path and message per issue, not the raw validator output', () => {
    const body = bodyOf(zodErrorOf(z.object({ a: z.string().check(z.regex(/^x$/)) }), { a: 'y' })) as {
      issues: object[];
    };
    expect(body.issues).toHaveLength(1);
    expect(Object.keys(body.issues[0]!).sort()).toEqual(['message', 'path']);
  });

  it('gives an empty path for an issue with the body as a whole', () => {
    expect(bodyOf(zodErrorOf(z.object({}), 'not an object'))).toEqual({
      error: 'ValidationError',
      correlationId: CORRELATION_ID,
      issues: [{ path: '', message: expect.any(String) }],
    });
  });

  it('does not call a field of the wrong type "required"', () => {
    const body = bodyOf(zodErrorOf(z.object({ volunteers: z.number() }), { volunteers: 'twelve' })) as {
      issues: { path: string; message: string }[];
    };
    expect(body.issues).toHaveLength(1);
    expect(body.issues[0]!.path).toBe('volunteers');
    expect(body.issues[0]!.message).not.toBe('required');
    expect(body.issues[0]!.message).toMatch(/number/);
  });

  it('reports malformed JSON as a validation error on the whole body', () => {
    expect(bodyOf(new MalformedJson('body is not valid JSON'))).toEqual({
      error: 'ValidationError',
      correlationId: CORRELATION_ID,
      issues: [{ path: '', message: 'body is not valid JSON' }],
    });
  });

  it('reports input the schema could not judge (a forged cursor) as a validation error on that field', () => {
    const response = clientErrorResponse(
      new InvalidInput('cursor', 'the cursor is not one this API handed out'),
      CORRELATION_ID,
    );
    expect(response?.statusCode).toBe(400);
    expect(bodyOf(new InvalidInput('cursor', 'the cursor is not one this API handed out'))).toEqual({
      error: 'ValidationError',
      correlationId: CORRELATION_ID,
      issues: [{ path: 'cursor', message: 'the cursor is not one this API handed out' }],
    });
  });

  it('answers 401 with nothing but the error name and the correlation id', () => {
    expect(bodyOf(new Unauthorized())).toEqual({ error: 'Unauthorized', correlationId: CORRELATION_ID });
  });

  it('answers 403 with the reason', () => {
    expect(bodyOf(new Forbidden('only a coordinator does this'))).toEqual({
      error: 'Forbidden',
      correlationId: CORRELATION_ID,
      message: 'only a coordinator does this',
    });
  });

  it('answers 404 without saying what was looked for', () => {
    expect(bodyOf(new NotFound('help request'))).toEqual({
      error: 'NotFound',
      correlationId: CORRELATION_ID,
    });
  });

  it('answers 409 with the reason', () => {
    expect(bodyOf(new Conflict('the request is closed'))).toEqual({
      error: 'Conflict',
      correlationId: CORRELATION_ID,
      message: 'the request is closed',
    });
  });

  it('answers 422 with the rule a client can switch on', () => {
    expect(bodyOf(new RuleViolation('minimum-age', 'volunteers must be 16 or older'))).toEqual({
      error: 'RuleViolation',
      correlationId: CORRELATION_ID,
      rule: 'minimum-age',
      message: 'volunteers must be 16 or older',
    });
  });

  it('answers a reused Idempotency-Key with a different body as the idempotency-key-reused rule', () => {
    expect(bodyOf(new IdempotencyValidationError('payload differs'))).toEqual({
      error: 'RuleViolation',
      correlationId: CORRELATION_ID,
      rule: 'idempotency-key-reused',
      message: expect.any(String),
    });
  });

  it('answers an Idempotency-Key still in progress as a conflict', () => {
    expect(bodyOf(new IdempotencyAlreadyInProgressError('in progress'))).toEqual({
      error: 'Conflict',
      correlationId: CORRELATION_ID,
      message: expect.stringContaining('in progress'),
    });
  });

  it.each([
    { error: new Error('database down'), what: 'an unknown Error' },
    { error: new TypeError('x is undefined'), what: 'a TypeError' },
    { error: new DomainError('unclassified'), what: 'a bare DomainError' },
    { error: 'a thrown string', what: 'a thrown string' },
    { error: undefined, what: 'undefined' },
  ])('leaves $what to the internal error handler', ({ error }) => {
    expect(clientErrorResponse(error, CORRELATION_ID)).toBeUndefined();
  });
});

describe('internalErrorResponse', () => {
  it('answers 500 with the correlation id and nothing internal', () => {
    const response = internalErrorResponse('corr-123');
    expect(response.statusCode).toBe(500);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'x-correlation-id': 'corr-123' });
    expect(JSON.parse(response.body)).toEqual({ error: 'InternalError', correlationId: 'corr-123' });
    expect(z.strictObject(errorBodySchema.shape).safeParse(JSON.parse(response.body)).success).toBe(true);
  });
});
