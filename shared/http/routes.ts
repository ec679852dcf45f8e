import { FUNCTIONS, type FunctionName, functionsTriggeredBy, type Manifest } from '../manifest/functions';
import type { Need } from '../manifest/needs';
import type { ApiTrigger } from '../manifest/triggers';

export interface Route extends ApiTrigger {
  /** The function's name in the manifest. */
  name: FunctionName;
  /** The Lambda entry point, from the project root. */
  entry: string;
  needs: readonly Need[];
}

/** The API routes of a manifest. */
export const routesOf = (functions: Manifest): Route[] =>
  functionsTriggeredBy('api', functions).map(([name, spec]) => ({
    ...spec.trigger,
    name,
    entry: spec.entry,
    needs: spec.needs,
  }));

/** Every API route, from the manifest: the API stack, the local runtime and the OpenAPI document are built from it. */
export const ROUTES: Route[] = routesOf(FUNCTIONS);
