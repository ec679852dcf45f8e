import type { Locale } from '../../i18n/locale';
import { en } from './en';
import { fr } from './fr';
import { type ConsoleMessages, nl } from './nl';

export type { ConsoleMessages };
export const CONSOLE_MESSAGES: Record<Locale, ConsoleMessages> = { nl, fr, en };
