/**
 * The one error a rule of the office throws: `message` is written for the user; `field`, when
 * present, names the input at fault so the UI shows the message beside that field (else as an
 * alert). Permission refusals are `PermissionError` (shared/domain/permissions.ts).
 */
export class RuleError extends Error {
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'RuleError';
    if (field !== undefined) this.field = field;
  }

  /** A refusal about one input field (reads like the form: field first). */
  static at(field: string, message: string): RuleError {
    return new RuleError(message, field);
  }
}
