import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * zod/mini loads no locale: without one, every refusal would read "Invalid input". The English messages are the ones
 * the API's `issues` give (docs/api.md, "Errors") and shared/http/error-response.ts reads. Imported for this effect
 * by the modules whose zod messages reach people: the shared schemas (common.ts), the configuration (config.ts) and
 * the error answers (error-response.ts). English alone (`z.locales.en()` would bundle every locale).
 */
z.config(en());
