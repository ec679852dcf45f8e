/**
 * The keywords the pool's numbers declare, in the words the inbound handler understands (reply.ts): STOP opts out in
 * every language, AAN / REPRISE / START rejoin, HELP / HULP / AIDE ask for the help text. The texts are the ones the
 * inbound handler sends, so a keyword answered by the service and one answered by the tool read the same.
 */
import { REJOIN_WORDS } from './reply';
import { renderHelpSms, renderOptedOutSms, renderRejoinedSms, type SmsLanguage } from './sms-templates';

export interface SmsKeyword {
  keyword: string;
  message: string;
  action: 'AUTOMATIC_RESPONSE' | 'OPT_OUT' | 'OPT_IN';
}

/** The two keywords every number must answer; Dutch first, as most volunteers read it. */
export const MANDATORY_KEYWORDS = {
  stop: { message: renderOptedOutSms('nl', 'member') },
  help: { message: renderHelpSms('nl') },
};

const HELP_WORDS: Record<Exclude<SmsLanguage, 'en'>, string> = { nl: 'HULP', fr: 'AIDE' };

/** The rejoin word of each language and the help word of Dutch and French (HELP is mandatory). */
export const OPTIONAL_KEYWORDS: SmsKeyword[] = [
  ...(Object.entries(REJOIN_WORDS) as [SmsLanguage, string][]).map(
    ([language, keyword]): SmsKeyword => ({
      keyword,
      message: renderRejoinedSms(language),
      action: 'OPT_IN',
    }),
  ),
  ...(Object.entries(HELP_WORDS) as [SmsLanguage, string][]).map(
    ([language, keyword]): SmsKeyword => ({
      keyword,
      message: renderHelpSms(language),
      action: 'AUTOMATIC_RESPONSE',
    }),
  ),
];
