import type { Locale } from '../../i18n/locale';
import { en } from './en';
import { fr } from './fr';
import { type CitizenMessages, nl } from './nl';

export type { CitizenMessages };
export const CITIZEN_MESSAGES: Record<Locale, CitizenMessages> = { nl, fr, en };
