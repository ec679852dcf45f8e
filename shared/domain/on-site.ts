import type { Deployment } from '../schemas/deployment';
import type { Responder } from '../schemas/help-request';

export type OnSiteState = Pick<Responder, 'onSiteSince' | 'checkedOutAt' | 'minutesOnSite'>;

/**
 * Where a responder stands, from their deployment on the request: on site since their arrival, or gone since their
 * last check-out, with the minutes the check-outs recorded; nothing for someone never checked in.
 */
export const onSiteStateOf = (
  deployment: Pick<Deployment, 'onSiteSince' | 'minutes' | 'periods'> | undefined,
): OnSiteState => {
  if (!deployment) return {};
  if (deployment.onSiteSince)
    return { onSiteSince: deployment.onSiteSince, minutesOnSite: deployment.minutes };
  const last = deployment.periods.at(-1);
  return { ...(last ? { checkedOutAt: last.to } : {}), minutesOnSite: deployment.minutes };
};
