import { IConstruct } from 'constructs';
import { BedrockLandingZoneErrorCode } from './error-code';

/**
 * Marks the library's errors across copies of the library loaded in one app (a symbol registered
 * globally, not a class check).
 */
const ERROR_BRAND = Symbol.for('cdk-bedrock-landing-zone.BedrockLandingZoneError');

/**
 * The one error type the library throws for bad input. jsii cannot export a subclass of `Error`,
 * so the class is not exported from the package: callers of every language inspect it through the
 * public `BedrockLandingZoneErrors`. The errors module imports nothing of the library: every layer
 * may throw it.
 */
export class BedrockLandingZoneError extends Error {
  /** The stable code of the check that failed */
  public readonly code: BedrockLandingZoneErrorCode;
  /** Each problem found, as the message lists it */
  public readonly problems: string[];
  /** The path of the construct whose input was checked, when there is one */
  public readonly constructPath?: string;

  constructor(code: BedrockLandingZoneErrorCode, message: string, problems: string[], scope?: IConstruct) {
    super(message);
    this.name = 'BedrockLandingZoneError';
    this.code = code;
    this.problems = problems;
    this.constructPath = scope?.node.path;
    Object.defineProperty(this, ERROR_BRAND, { value: true });
  }
}

export function isBedrockLandingZoneError(x: unknown): x is BedrockLandingZoneError {
  return typeof x === 'object' && x !== null && ERROR_BRAND in x;
}

/** Throws one problem that is not collected with others (a call, not a set of props). */
export function fail(code: BedrockLandingZoneErrorCode, message: string, scope?: IConstruct): never {
  throw new BedrockLandingZoneError(code, message, [message], scope);
}
