/**
 * Domain errors carry a stable `code` (clients may switch on it) and the ids involved. The API
 * maps each kind to its HTTP status; messages never contain personal data.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: 'invalid' | 'forbidden' | 'not_found' | 'gone' | 'conflict' | 'precondition' | 'unprocessable';
  constructor(
    message: string,
    /** Ids and field names involved, never values a person typed. */
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command is well-formed but breaks a rule of the domain (HTTP 422). */
export class RuleViolation extends DomainError {
  readonly kind = 'unprocessable' as const;
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message, details);
  }
}

/** A value is not acceptable; `field` names it (HTTP 400). */
export class InvalidValue extends DomainError {
  readonly kind = 'invalid' as const;
  readonly code = 'invalid_value';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, { field });
  }
}

/** The acting principal may not do this (HTTP 403). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const;
  readonly code = 'forbidden';
}

/** The thing the command is about does not exist (HTTP 404). */
export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message, details);
  }
}

/**
 * What the request needs was there and has been removed for good, on purpose: an erased citizen's
 * personal data, whose key is deleted (HTTP 410). Asking again will never succeed.
 */
export class Gone extends DomainError {
  readonly kind = 'gone' as const;
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message, details);
  }
}

/** The command conflicts with what already happened (HTTP 409). */
export class Conflict extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message, details);
  }
}

/**
 * Staff-written text speaks of benefits, sanctions, the availability duty, obligations or the
 * consequences of saying no (HTTP 400, naming the field and the declared words found).
 */
export class CoerciveWording extends DomainError {
  readonly kind = 'invalid' as const;
  readonly code = 'coercive_wording';
  constructor(
    readonly field: string,
    readonly terms: readonly string[],
  ) {
    super(`the text uses words of coercion (${terms.map((t) => `“${t}”`).join(', ')}); everything here is voluntary and separate from benefits`, { field, terms: terms.join(', ') });
  }
}
