import { ResourceEnvironment, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The base of the library's governed access policies: a construct that owns one customer-managed
 * policy and exposes it only as an `iam.IManagedPolicy` and through attachments. It is not a grantee
 * and has no `addStatements`, so nothing can be added to a governed policy through it; only the
 * subclass writes statements, into `policy`.
 *
 * Exported because jsii requires a public class's base to be public; extend it only to write a
 * policy of your own that others must not add to.
 */
export abstract class SealedManagedPolicy extends Construct implements iam.IManagedPolicy {
  /**
   * The ARN of the managed policy
   *
   * @attribute
   */
  public readonly managedPolicyArn: string;

  /** A reference to the managed policy, for the aws-cdk-lib APIs that take one. */
  public readonly managedPolicyRef: iam.ManagedPolicyReference;

  /** The environment the policy belongs to. */
  public readonly env: ResourceEnvironment;

  /** The managed policy the subclass writes its statements into. */
  protected readonly policy: iam.ManagedPolicy;

  /**
   * @param policyProps the managed policy's name, description and first attachments
   */
  protected constructor(scope: Construct, id: string, policyProps: iam.ManagedPolicyProps) {
    super(scope, id);
    // The id 'Default' keeps the logical ID the policy had when the subclasses extended ManagedPolicy
    // (aws-cdk-lib leaves 'Default' out of logical IDs): a renamed ID would replace deployed policies.
    this.policy = new iam.ManagedPolicy(this, 'Default', policyProps);
    this.managedPolicyArn = this.policy.managedPolicyArn;
    this.managedPolicyRef = this.policy.managedPolicyRef;
    this.env = this.policy.env;
  }

  /** Attaches the policy to a role. */
  public attachToRole(role: iam.IRole): void {
    this.policy.attachToRole(role);
  }

  /** Attaches the policy to a user. */
  public attachToUser(user: iam.IUser): void {
    this.policy.attachToUser(user);
  }

  /** Attaches the policy to a group. */
  public attachToGroup(group: iam.IGroup): void {
    this.policy.attachToGroup(group);
  }
}
