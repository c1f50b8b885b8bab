import { ValidationError } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Collects the problems found in a construct's input and throws them together, as one
 * aws-cdk-lib `ValidationError` (so `Errors.isValidationError` recognises it), so a user fixes every
 * prop in one round instead of one per synth.
 *
 * Each problem names the prop, the value received and what is allowed.
 */
export class Problems {
  private readonly problems: string[] = [];

  /** Records a problem when `condition` is false. */
  public check(condition: boolean, problem: string): void {
    if (!condition) this.problems.push(problem);
  }

  /** Records a problem. */
  public add(problem: string): void {
    this.problems.push(problem);
  }

  /** Whether nothing was recorded. */
  public get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  /** Throws one ValidationError listing every recorded problem; does nothing when there are none. */
  public throwIfAny(scope: IConstruct, subject: string): void {
    if (this.problems.length === 0) return;
    const message = this.problems.length === 1
      ? `${subject}: ${this.problems[0]}`
      : `${subject}:\n${this.problems.map(p => `  - ${p}`).join('\n')}`;
    throw new ValidationError('BedrockLandingZoneInvalidInput' as any, message, scope);
  }
}


/** Renders a list of allowed values for a message. */
export function oneOf(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.join(', ');
}
