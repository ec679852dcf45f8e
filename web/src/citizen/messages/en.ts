import type { CitizenMessages } from './nl';

export const en: CitizenMessages = {
  documentTitle: (title) => `Help out: ${title}`,
  languages: 'Language',
  loading: 'Loading the call…',
  intro: (municipality) =>
    `The Red Cross is looking for volunteers in ${municipality}. Leave your details: you will get a text message if you can help.`,
  adultsOnly: 'The tasks of this help request are for adults (18+) only.',
  name: 'Full name',
  birthDate: 'Date of birth',
  birthDateHint: 'You must be at least 16.',
  phone: 'Mobile number',
  phoneHint: 'For example 0470 12 34 56. The text message goes to this number.',
  smsLanguage: 'Which language do you want the text message in?',
  consentTitle: 'Consent',
  consentText:
    'The Red Cross uses your name, date of birth and mobile number only to call on you for this help request and to insure you while on site. Fourteen days after the help request ends, we delete everything.',
  consent: 'I agree',
  privacyNotice: 'Read the full privacy notice',
  privacyText: [
    "Who: Red Cross Flanders (Rode Kruis-Vlaanderen) and this help request's municipality process your data together.",
    'What: your name, date of birth, mobile number and language, your text replies and whether you were on site.',
    'Why: to call on you for this one help request and to insure you while you help (liability and personal accidents).',
    'How long: fourteen days after the help request ends we delete everything about you; only anonymous counts remain. The SMS provider keeps limited delivery records, as the law requires.',
    'Your rights: you can see, correct or erase your data. Reply STOP to our text and you will get nothing more about this help request.',
  ],
  parentalConsent: 'A parent or guardian agrees that I help',
  parentalConsentHint: 'As you are 16 or 17, we ask for the consent of a parent or guardian.',
  submit: 'Register me',
  submitting: 'Sending…',
  errorSummary: 'There is a problem',
  errorPrefix: 'Error',
  errors: {
    name: 'Enter your name.',
    birthDate: 'Enter your date of birth, for example 17-09-1983.',
    minimumAge: 'You must be at least 16 to register.',
    phone:
      'Enter a mobile number from Belgium, the Netherlands, France, Germany or Luxembourg, for example 0470 12 34 56.',
    consent: 'Tick the box to agree and register.',
    parentalConsent: 'A parent or guardian must agree, as you are 16 or 17.',
    language: 'Choose the language of your text message.',
  },
  tooBusy: 'Very many people are registering right now. Your details were not sent: try again in a minute.',
  offline: 'Your details were not sent: there is no connection. Check your network and try again.',
  failed: 'Something went wrong on our side. Your details were not sent: try again in a minute.',
  unverified:
    'Your details were not sent: we could not check that this browser is not a robot (an ad blocker or a weak connection can stop that check). Try again, or open the link in another browser.',
  doneTitle: 'Thank you, you are registered',
  doneAlerted: (phone) =>
    `You will shortly get a text message from the Red Cross on ${phone} with a code. Reply JA and the code if you can come, NEE and the code if you cannot.`,
  doneRegistered:
    'The tasks of this help request are for adults only: we will not call on you for it. Thank you for wanting to help.',
  doneStop: 'No more text messages about this help request? Reply STOP.',
  doneNext: 'Only go on site when the coordinator asks you to: then you are insured.',
  closedTitle: 'This call has ended',
  closedText: (title, municipality) =>
    `The help request “${title}” in ${municipality} is closed: no more volunteers are needed. Thank you for wanting to help.`,
  fullTitle: 'There are enough volunteers',
  fullText: 'Enough people have registered for this help request. Thank you for wanting to help.',
  unknownTitle: 'This call does not exist (any more)',
  unknownText:
    'Check the link. A call disappears fourteen days after its help request is closed, with all its data.',
  unavailableTitle: 'The page cannot load',
  unavailableText: 'We cannot fetch the call right now. Check your connection and try again.',
  retry: 'Try again',
};
