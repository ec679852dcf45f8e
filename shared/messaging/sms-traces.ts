/**
 * What the SMS channel itself keeps of the messages sent to a phone number, so the purge of spontaneous volunteers
 * can remove it where the system holds it.
 */
export interface SmsTraces {
  /** How many sent messages to these numbers are still kept. */
  count(phones: readonly string[]): Promise<number>;
  forget(phones: readonly string[]): Promise<void>;
}

/**
 * In AWS the system keeps no SMS log of its own: the body and number of an SMS job pass through the SMS jobs topic
 * and the dispatch queue (gone once dispatched; the dead-letter queue keeps a failed job 14 days), the alert items
 * hold the provider's message id (deleted by the purge), and the SMS service's delivery records are not stored in
 * this account unless delivery-status logging is switched on, whose log group retention then bounds them.
 */
export const noSmsTraces: SmsTraces = {
  count: async () => 0,
  forget: async () => undefined,
};
