import type { Ports } from '../../shared/ports';

/** Adapters that hand out given ports as they are (the local runtime's and the tests' doubles). */
export const fixedPorts = <P extends Partial<Ports>>(ports: P): { [K in keyof P]: () => P[K] } =>
  Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, () => port])) as {
    [K in keyof P]: () => P[K];
  };
