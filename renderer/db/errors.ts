/** A rule broken by one input field: the UI shows `message` beside the field named `field`. */
export class FieldError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/** A refused action that is not about one field (e.g. "已完成初始化"). */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}
