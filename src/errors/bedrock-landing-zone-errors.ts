import { isBedrockLandingZoneError } from './bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from './error-code';

/**
 * Inspects the errors the library throws for bad input. Every validation throws one error that
 * lists all the problems it found, with a stable `BedrockLandingZoneErrorCode`.
 */
export class BedrockLandingZoneErrors {
  /**
   * Whether the error was thrown by a validation of this library.
   *
   * @param error anything caught
   */
  public static isBedrockLandingZoneError(error: any): boolean {
    return isBedrockLandingZoneError(error);
  }

  /**
   * The stable code of the check that threw the error, or undefined for any other error.
   *
   * @param error anything caught
   */
  public static codeOf(error: any): BedrockLandingZoneErrorCode | undefined {
    return isBedrockLandingZoneError(error) ? error.code : undefined;
  }

  /**
   * Each problem the error lists (empty for any other error).
   *
   * @param error anything caught
   */
  public static problemsOf(error: any): string[] {
    return isBedrockLandingZoneError(error) ? [...error.problems] : [];
  }

  private constructor() {}
}
