let next = 1;

/** A fresh, valid Belgian mobile number in E.164 on every call, so registrations never share a phone by accident. */
export const aMobilePhone = (): string => `+3247${String(next++).padStart(7, '0')}`;
