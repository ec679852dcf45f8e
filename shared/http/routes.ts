import type { z } from 'zod';
import { createHelpRequestBodySchema, helpRequestViewSchema } from '../schemas/help-request';
import { municipalitySchema, putMunicipalityBodySchema } from '../schemas/municipality';
import { registerVolunteerBodySchema, volunteerSchema } from '../schemas/volunteer';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway resource path, `{name}` for path parameters. */
  path: string;
  /** The Lambda entry point, from the project root. */
  entry: string;
  summary: string;
  public?: boolean;
  body?: z.ZodType;
  response?: { status: number; schema?: z.ZodType };
  /** What the route's function may touch; the API stack grants exactly this. */
  needs?: Need[];
}

export type Need =
  | 'registry:read'
  | 'registry:write'
  | 'operations:read'
  | 'operations:write'
  | 'idempotency'
  | 'start-execution'
  | 'resume-execution';

/** Every API route, once: the API stack, the local runtime and the OpenAPI document are all built from this list. */
export const ROUTES: Route[] = [
  { method: 'GET', path: '/health', entry: 'functions/api/health/get.ts', summary: 'liveness', public: true },
  {
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/api/openapi/get.ts',
    summary: 'this contract',
    public: true,
  },
  {
    method: 'PUT',
    path: '/municipalities/{nis}',
    entry: 'functions/api/municipalities/put.ts',
    summary: 'a municipality joins or updates its neighbours (coordinator)',
    body: putMunicipalityBodySchema,
    response: { status: 200, schema: municipalitySchema },
    needs: ['registry:write'],
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}',
    entry: 'functions/api/municipalities/get.ts',
    summary: 'profile and corps summary (its municipal roles, coordinator)',
    response: { status: 200, schema: municipalitySchema },
    needs: ['registry:read'],
  },
  {
    method: 'POST',
    path: '/municipalities/{nis}/volunteers',
    entry: 'functions/api/volunteers/register.ts',
    summary: 'register a corps member, 16 or older (its municipal-admin, coordinator)',
    body: registerVolunteerBodySchema,
    response: { status: 201, schema: volunteerSchema },
    needs: ['registry:write'],
  },
  {
    method: 'POST',
    path: '/help-requests',
    entry: 'functions/api/help-requests/create.ts',
    summary:
      'launch a help request (requester of the municipality; coordinator with channel phone); honours Idempotency-Key',
    body: createHelpRequestBodySchema,
    response: { status: 202 },
    needs: ['registry:read', 'operations:write', 'idempotency', 'start-execution'],
  },
  {
    method: 'GET',
    path: '/help-requests/{id}',
    entry: 'functions/api/help-requests/get.ts',
    summary: 'status, scope, counts and timeline (its municipal roles, coordinator, crisis-centre)',
    response: { status: 200, schema: helpRequestViewSchema },
    needs: ['operations:read'],
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/close',
    entry: 'functions/api/help-requests/close.ts',
    summary: 'close: stand-down SMS, then the aftercare window (coordinator)',
    response: { status: 200 },
    needs: ['operations:write', 'resume-execution'],
  },
];
