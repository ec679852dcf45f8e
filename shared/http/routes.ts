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

/**
 * A route honours `Idempotency-Key` (a retry replays the first answer) exactly when its manifest entry needs the
 * idempotency table: the need is the mark, so the OpenAPI document and the grants cannot disagree.
 */
export const honoursIdempotencyKey = (route: Pick<Route, 'needs'>): boolean =>
  route.needs.some((need) => 'table' in need && need.table === 'idempotency');
