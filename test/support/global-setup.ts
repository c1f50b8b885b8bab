import { ensureHandlerBundle } from '../../scripts/bundle-handlers';

/** jest globalSetup: the stacks under test reference the handler bundle, so it must exist and be current. */
export default function globalSetup(): void {
  ensureHandlerBundle();
}
