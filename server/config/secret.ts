/**
 * A credential read from configuration. It prints as "[redacted]" wherever it goes
 * (logs, JSON, string interpolation, util.inspect), so a configuration object can be
 * logged whole; `reveal()` is the one way to the value, used where it is sent.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[redacted]';
  }
}
