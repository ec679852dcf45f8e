import type { CitizenMessages } from './nl';

export const fr: CitizenMessages = {
  documentTitle: (title) => `Aidez-nous : ${title}`,
  languages: 'Langue',
  loading: "Chargement de l'appel…",
  intro: (municipality) =>
    `La Croix-Rouge cherche des bénévoles à ${municipality}. Laissez vos coordonnées : vous recevrez un SMS si vous pouvez aider.`,
  adultsOnly: "Les tâches de cette demande d'aide sont réservées aux adultes (18+).",
  name: 'Nom et prénom',
  birthDate: 'Date de naissance',
  birthDateHint: 'Vous devez avoir au moins 16 ans.',
  phone: 'Numéro de GSM',
  phoneHint: 'Par exemple 0470 12 34 56. Vous recevrez le SMS sur ce numéro.',
  smsLanguage: 'Dans quelle langue voulez-vous le SMS ?',
  consentTitle: 'Consentement',
  consentText:
    "La Croix-Rouge utilise votre nom, votre date de naissance et votre numéro de GSM uniquement pour vous appeler pour cette demande d'aide et vous assurer sur place. Quatorze jours après la fin de la demande, nous effaçons tout.",
  consent: "J'accepte",
  privacyNotice: 'Lire la déclaration de confidentialité complète',
  privacyText: [
    "Qui : la Croix-Rouge de Belgique (Rode Kruis-Vlaanderen) et la commune de cette demande d'aide traitent vos données ensemble.",
    'Quoi : votre nom, date de naissance, numéro de GSM et langue, vos réponses par SMS et votre présence sur place.',
    "Pourquoi : pour vous appeler pour cette seule demande d'aide et vous assurer pendant que vous aidez (responsabilité civile et accidents corporels).",
    "Combien de temps : quatorze jours après la fin de la demande, nous effaçons tout ce qui vous concerne ; seuls des comptages anonymes restent. L'opérateur SMS garde des données de livraison limitées, comme la loi l'exige.",
    "Vos droits : vous pouvez consulter, corriger ou effacer vos données. Répondez STOP à notre SMS et vous ne recevrez plus rien pour cette demande d'aide.",
  ],
  parentalConsent: "Un parent ou tuteur est d'accord que j'aide",
  parentalConsentHint: "Comme vous avez 16 ou 17 ans, nous demandons l'accord d'un parent ou tuteur.",
  submit: "M'inscrire",
  submitting: 'Envoi en cours…',
  errorSummary: 'Il y a un problème',
  errorPrefix: 'Erreur',
  errors: {
    name: 'Indiquez votre nom.',
    birthDate: 'Indiquez votre date de naissance, par exemple 17-09-1983.',
    minimumAge: 'Vous devez avoir au moins 16 ans pour vous inscrire.',
    phone:
      'Indiquez un numéro de GSM de Belgique, des Pays-Bas, de France, d’Allemagne ou du Luxembourg, par exemple 0470 12 34 56.',
    consent: 'Cochez la case pour accepter et vous inscrire.',
    parentalConsent: "Un parent ou tuteur doit être d'accord, car vous avez 16 ou 17 ans.",
    language: 'Choisissez la langue de votre SMS.',
  },
  tooBusy:
    "Beaucoup de personnes s'inscrivent en ce moment. Vos données n'ont pas été envoyées : réessayez dans une minute.",
  offline: "Vos données n'ont pas été envoyées : pas de connexion. Vérifiez votre réseau et réessayez.",
  failed:
    "Une erreur s'est produite chez nous. Vos données n'ont pas été envoyées : réessayez dans une minute.",
  unverified:
    "Vos données n'ont pas été envoyées : nous n'avons pas pu vérifier que ce navigateur n'est pas un robot (un bloqueur de publicités ou une connexion faible peut empêcher cette vérification). Réessayez, ou ouvrez le lien dans un autre navigateur.",
  doneTitle: 'Merci, vous êtes inscrit·e',
  doneAlerted: (phone) =>
    `Vous allez recevoir un SMS de la Croix-Rouge au ${phone} avec un code. Répondez JA et le code si vous pouvez venir, NEE et le code si vous ne pouvez pas.`,
  doneRegistered:
    "Les tâches de cette demande d'aide sont réservées aux adultes : nous ne vous appellerons pas pour celle-ci. Merci d'avoir voulu aider.",
  doneStop: "Vous ne voulez plus de SMS pour cette demande d'aide ? Répondez STOP.",
  doneNext:
    'Ne vous rendez sur place que lorsque le coordinateur vous le demande : vous serez alors assuré·e.',
  closedTitle: 'Cet appel est terminé',
  closedText: (title, municipality) =>
    `La demande d'aide « ${title} » à ${municipality} est clôturée : plus besoin de bénévoles. Merci d'avoir voulu aider.`,
  fullTitle: 'Il y a assez de bénévoles',
  fullText: "Assez de personnes se sont inscrites pour cette demande d'aide. Merci d'avoir voulu aider.",
  unknownTitle: "Cet appel n'existe pas (ou plus)",
  unknownText:
    "Vérifiez le lien. Un appel disparaît quatorze jours après la clôture de la demande d'aide, avec toutes les données.",
  unavailableTitle: 'La page ne peut pas se charger',
  unavailableText: "Nous ne pouvons pas récupérer l'appel maintenant. Vérifiez votre connexion et réessayez.",
  retry: 'Réessayer',
};
