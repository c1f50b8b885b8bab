import { Annotations, AspectPriority, Aspects, CfnResource, IAspect, Stack, TagManager } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE } from '../core/protected-resources';
import { isInLandingZoneScope, isStackProtected } from '../core/stack-protection';

/**
 * Resource types whose changes the organization policies deny on the protected tag
 * (`ProtectGovernanceResources`): what a stack tag would lock of your own.
 */
const LOCKED_BY_THE_TAG = [
  'AWS::IAM::Role', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::S3::Bucket', 'AWS::Lambda::Function', 'AWS::Bedrock::Guardrail',
];

/**
 * Protects the stack that holds the landing zone's account settings (invocation logging, data
 * retention): the stack gets the tag `bedrock-landing-zone:protected = true`, and the organization
 * policies then let only the deployment roles update it, run its change sets, roll it back or delete
 * it. Without it, anyone allowed to update the stack could change logging through the stack's
 * CloudFormation role, which the policies exempt; `ModelInvocationLogging` and `BedrockDataRetention`
 * warn at synth when their stack is not protected.
 *
 * Explicit because CloudFormation copies stack tags to every resource it can tag: roles, keys, log
 * groups, buckets and functions of your own in the same stack become protected too, and only the
 * deployment roles can change them. Keep the landing zone in a stack of its own; `protect` warns at
 * synth for each such resource of yours it finds in the stack.
 */
export class LandingZoneStackProtection {
  /** Tags the stack and checks, at synth, what else the tag would reach. */
  public static protect(stack: Stack): void {
    if (isStackProtected(stack)) return;
    stack.tags.setTag(PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE);
    const aspect: IAspect = {
      visit(node: IConstruct) {
        if (!CfnResource.isCfnResource(node) || Stack.of(node) !== stack || !LOCKED_BY_THE_TAG.includes(node.cfnResourceType)) return;
        // What the landing zone creates is meant to be locked; what CloudFormation cannot tag is not reached.
        if (isInLandingZoneScope(node) || !TagManager.isTaggable(node)) return;
        if (node.tags.tagValues()[PROTECTED_TAG_KEY] === PROTECTED_TAG_VALUE) return;
        Annotations.of(node).addWarningV2('cdk-bedrock-landing-zone:lockedByStackTag',
          `${node.cfnResourceType} ${node.node.path} is in a protected stack: CloudFormation gives it the stack's tag ` +
          `${PROTECTED_TAG_KEY}, and the organization policies then let only the deployment roles change it. ` +
          'Move it to a stack of its own unless that is intended.');
      },
    };
    Aspects.of(stack).add(aspect, { priority: AspectPriority.READONLY });
  }

  /** Whether `protect` was called on the stack. */
  public static isProtected(stack: Stack): boolean {
    return isStackProtected(stack);
  }

  private constructor() {}
}
