import type { Alert } from '../domain/alert';
import type { SmsLanguage } from '../domain/sms-templates';
import type { Ports } from '../ports';

/** The person behind an alert, a reply or an SMS: a corps member or a spontaneous volunteer of one request. */
export interface Person {
  id: string;
  name: string;
  phone: string;
  language: SmsLanguage;
  /** Members only: spontaneous volunteers have no standing registration to opt out of. */
  member: boolean;
  /** What decides which tasks they may take: their age, and (members only) their first-aid qualification. */
  birthDate: string;
  qualifiedSince?: string;
}

type PeoplePorts = Pick<Ports, 'volunteers' | 'adHoc'>;

/** Whom an alert was sent to, wherever they are stored; undefined once erased or purged. */
export const personBehind = async (
  ports: PeoplePorts,
  alert: Pick<Alert, 'requestId' | 'volunteerId' | 'spontaneous'>,
): Promise<Person | undefined> => {
  const found = alert.spontaneous
    ? await ports.adHoc.get(alert.requestId, alert.volunteerId)
    : await ports.volunteers.get(alert.volunteerId);
  return (
    found && {
      id: found.id,
      name: found.name,
      phone: found.phone,
      language: found.language,
      member: !alert.spontaneous,
      birthDate: found.birthDate,
      ...('qualifiedSince' in found && found.qualifiedSince ? { qualifiedSince: found.qualifiedSince } : {}),
    }
  );
};

/** Everyone registered with this phone: the member (if any) first, then each spontaneous registration. */
export const peopleByPhone = async (ports: PeoplePorts, phone: string): Promise<Person[]> => {
  const memberId = await ports.volunteers.findIdByPhone(phone);
  const member = memberId ? await ports.volunteers.get(memberId) : undefined;
  const spontaneous = await ports.adHoc.findByPhone(phone);
  return [
    ...(member
      ? [
          {
            id: member.id,
            name: member.name,
            phone: member.phone,
            language: member.language,
            member: true,
            birthDate: member.birthDate,
            ...(member.qualifiedSince ? { qualifiedSince: member.qualifiedSince } : {}),
          },
        ]
      : []),
    ...spontaneous.map((v) => ({
      id: v.id,
      name: v.name,
      phone: v.phone,
      language: v.language,
      member: false,
      birthDate: v.birthDate,
    })),
  ];
};
