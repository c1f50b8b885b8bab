import { BedrockLandingZoneError } from '../../src/errors/bedrock-landing-zone-error';

/**
 * What `fn` throws, for assertions on the library's error (its code, problems and message); the test
 * fails when `fn` throws nothing. The thrown value is returned whatever it is: a test that expects the
 * library's error asserts its code, so a foreign error fails there, with the assertion that says why.
 */
export function errorOf(fn: () => unknown): BedrockLandingZoneError {
  try {
    fn();
  } catch (e) {
    return e as BedrockLandingZoneError;
  }
  throw new Error('expected an error, nothing was thrown');
}
