/** Sort-key prefix of the spontaneous volunteers in a request's AdHoc partition. */
export const adHocPrefixes = { spontaneousVolunteer: 'SPONT#' } as const;

/** Key layout of the AdHoc table (spontaneous volunteers only, so the purge finds them all). */
export const adHocKeys = {
  /** A spontaneous volunteer, registered for one request. */
  spontaneousVolunteer: (requestId: string, volunteerId: string) => ({
    pk: `REQ#${requestId}`,
    sk: `${adHocPrefixes.spontaneousVolunteer}${volunteerId}`,
  }),
  /** A phone registered for one request: one registration per phone per request, and inbound replies. */
  spontaneousPhone: (e164: string, requestId: string) => ({ pk: `PHONE#${e164}`, sk: `REQ#${requestId}` }),
};
