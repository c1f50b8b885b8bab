import { RemovalPolicy, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { deleteOnReplacement } from './delete-on-replacement';
import { LOG_DELIVERY_ROLE_PATH } from '../../core/protected-resources';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';

/** The role Bedrock assumes to write invocation logs to CloudWatch Logs, and its permissions. */
export interface LogDeliveryRole {
  readonly role: iam.Role;
  /** A managed policy: the custom resource can wait for it */
  readonly policy: iam.ManagedPolicy;
}

/**
 * The delivery role (child `DeliveryRole` of `scope`) that Bedrock assumes under `conditions`, allowed
 * to write to the one log stream `logStreamArn`, with its policy (`DeliveryPolicy`). Kept on deletion
 * when `retain` (a configuration left in place still names it).
 */
export function logDeliveryRole(scope: Construct, conditions: Record<string, unknown>, logStreamArn: string, retain: boolean): LogDeliveryRole {
  const role = new iam.Role(scope, 'DeliveryRole', {
    description: 'Lets Amazon Bedrock deliver model invocation logs to CloudWatch Logs',
    // The organization policies let only roles on this path write to the invocation log groups.
    path: LOG_DELIVERY_ROLE_PATH,
    assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', { conditions }),
  });
  const policy = new iam.ManagedPolicy(scope, 'DeliveryPolicy', {
    description: 'Write model invocation logs to the one log stream Bedrock uses',
    // Managed policies cannot be tagged: the organization policies protect this path instead.
    path: LANDING_ZONE_ROLE_PATH,
    statements: [new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logStreamArn],
    })],
    roles: [role],
  });
  // A configuration kept after the stack is deleted still names this role: keep it, or delivery
  // to CloudWatch Logs would stop silently.
  if (retain) {
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    policy.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
  // A replacement (a new path or name) is not a deletion: the configuration names the new role
  // before CloudFormation's cleanup removes the old one, which Bedrock could otherwise still
  // assume, left behind in every account.
  deleteOnReplacement(role, policy);
  return { role, policy };
}
