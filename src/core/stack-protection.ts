import { Annotations, AspectPriority, Aspects, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE } from './protected-resources';

const LANDING_ZONE_SCOPE = Symbol.for('cdk-bedrock-landing-zone.landingZoneScope');

/** Marks a scope whose resources are the landing zone's own (what a protected stack is meant to lock). */
export function markLandingZoneScope(scope: IConstruct): void {
  Object.defineProperty(scope, LANDING_ZONE_SCOPE, { value: true });
}

/** Whether the construct is inside a scope the landing zone marked. */
export function isInLandingZoneScope(construct: IConstruct): boolean {
  return construct.node.scopes.some(s => Object.getOwnPropertyDescriptor(s, LANDING_ZONE_SCOPE)?.value === true);
}

/** Whether the stack carries the protected tag as a stack tag (LandingZoneStackProtection.protect). */
export function isStackProtected(stack: Stack): boolean {
  return stack.tags.tagValues()[PROTECTED_TAG_KEY] === PROTECTED_TAG_VALUE;
}

/**
 * Warns, once the tree is complete, when the stack that holds a governance setting is not protected:
 * its change sets run as its CloudFormation role, which the organization policies exempt. Checked at
 * synth, not in the constructor, so protecting the stack after adding the construct counts.
 */
export function warnIfStackUnprotected(scope: IConstruct, what: string): void {
  const aspect: IAspect = {
    visit(node: IConstruct) {
      if (node !== scope) return;
      const stack = Stack.of(scope);
      if (isStackProtected(stack)) return;
      Annotations.of(scope).addWarningV2('cdk-bedrock-landing-zone:stackUnprotected',
        `The stack ${stack.stackName} holds ${what} but is not protected: anyone allowed to update it or run its change sets ` +
        'can change the setting through its CloudFormation role, which the organization policies exempt. ' +
        'Call LandingZoneStackProtection.protect(stack) if the stack holds only the landing zone: CloudFormation copies ' +
        'stack tags to every resource in it, and the organization policies then protect those too.');
    },
  };
  Aspects.of(scope).add(aspect, { priority: AspectPriority.READONLY });
}
