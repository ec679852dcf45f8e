import * as z from 'zod/mini';
import { oncePerEnvironment, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';

/** The local runtime's default address: links handed out locally point at it. */
export const LOCAL_PUBLIC_BASE_URL = 'http://localhost:3000';

/** Where citizens reach the public routes (the API stage, or a custom domain in front of it). */
export const publicBaseUrl = oncePerEnvironment((env) =>
  readVariable(VARIABLES.publicBaseUrl, z._default(z.url(), LOCAL_PUBLIC_BASE_URL), env),
);
