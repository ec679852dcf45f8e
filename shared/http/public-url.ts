import * as z from 'zod';
import { once, parseEnv } from '../config';

/** The local runtime's default address: links handed out locally point at it. */
export const LOCAL_PUBLIC_BASE_URL = 'http://localhost:3000';

/** Where citizens reach the public routes (the API stage, or a custom domain in front of it). */
export const publicBaseUrl = once(
  () => parseEnv({ PUBLIC_BASE_URL: z.url().default(LOCAL_PUBLIC_BASE_URL) }).PUBLIC_BASE_URL,
);
