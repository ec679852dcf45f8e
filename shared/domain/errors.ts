/** Errors the domain raises on purpose; the HTTP error middleware maps each to the body API.md gives it. */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
}

export class NotFound extends DomainError {
  override readonly name = 'NotFound';
  constructor(what = 'resource') {
    super(`${what} not found`);
  }
}

export class Forbidden extends DomainError {
  override readonly name = 'Forbidden';
}

export class Unauthorized extends DomainError {
  override readonly name = 'Unauthorized';
  constructor() {
    super('missing or invalid token');
  }
}

export class Conflict extends DomainError {
  override readonly name = 'Conflict';
}

/** Input the schema could not judge (an opaque cursor, a path): a 400 naming the field, like a schema violation. */
export class InvalidInput extends DomainError {
  override readonly name = 'InvalidInput';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A business rule says no; `rule` is a stable kebab-case code clients can switch on. */
export class RuleViolation extends DomainError {
  override readonly name = 'RuleViolation';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
