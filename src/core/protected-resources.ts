import { CfnResource, Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The tag the landing zone puts on the resources governance depends on (the invocation log key,
 * buckets, log group and delivery role; the control-plane function). The organization policies deny
 * disabling, deleting, re-pointing or untagging anything that carries it, except to the deployment
 * roles.
 */
export const PROTECTED_TAG_KEY = 'bedrock-landing-zone:protected';
export const PROTECTED_TAG_VALUE = 'true';

/**
 * The prefix of the landing zone's invocation log groups: the organization policies let only the
 * delivery roles write to log groups under it.
 */
export const PROTECTED_LOG_GROUP_PREFIX = '/bedrock-landing-zone/';

/**
 * The IAM path of the delivery roles that write the invocation logs: only the deployment roles can
 * create or change a role there, and only roles on it may write to the protected log groups. Not under
 * the control plane's path, which is exempt from much more.
 */
export const LOG_DELIVERY_ROLE_PATH = '/bedrock-landing-zone-log-delivery/';

/** Tags every taggable resource under the scope. */
export function protectTree(scope: IConstruct): void {
  Tags.of(scope).add(PROTECTED_TAG_KEY, PROTECTED_TAG_VALUE);
}

/** Tags one raw resource whose construct is not taggable (a CustomResourceProvider's function). */
export function protectResource(resource: CfnResource): void {
  resource.addPropertyOverride('Tags', [{ Key: PROTECTED_TAG_KEY, Value: PROTECTED_TAG_VALUE }]);
}
