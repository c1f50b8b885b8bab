import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The region a construct governs. Normally the stack's own region; a stack without one (a StackSet
 * template, deployed region by region) can declare it with the `cdk-bedrock-landing-zone:governedRegion`
 * context, set by `BedrockLandingZone.governRegion(stack, region)`.
 */
export const GOVERNED_REGION_CONTEXT = 'cdk-bedrock-landing-zone:governedRegion';

export function governedRegion(scope: IConstruct): string | undefined {
  const region = Stack.of(scope).region;
  if (!Token.isUnresolved(region)) return region;
  const declared = scope.node.tryGetContext(GOVERNED_REGION_CONTEXT);
  return typeof declared === 'string' ? declared : undefined;
}
