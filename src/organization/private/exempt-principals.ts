import { LOG_DELIVERY_ROLE_PATH } from '../../core/protected-resources';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';

/**
 * Who the organization policies exempt, as role ARN patterns of one partition, worked out once per
 * policy set. Each statement names one of these lists instead of composing its own, so which
 * principal is exempt from what can be read here in one place.
 */
export class ExemptPrincipals {
  /** The roles AWS Organizations and Control Tower create to administer a member account from the management account. */
  public readonly bootstrapAdmins: string[];
  /** The principals that deploy the landing zone: they may change what everyone else may not. */
  public readonly deployers: string[];
  /**
   * Roles whose names an exemption trusts besides the admins: the deployment principals, and with a
   * named qualifier every CDK role of it (its publishing roles may write the asset bucket). Nobody but
   * the role admins may create, change or pass them.
   */
  public readonly trustedNames: string[];
  /** The roles allowed to change the governance settings: the landing zone's own, and the deployers. */
  public readonly settingsAdmins: string[];
  /**
   * Who may manage the exempt roles: the deployers, CDK's deploy role (it passes the execution role
   * to CloudFormation) and the roles AWS Organizations and Control Tower use to bootstrap an account.
   */
  public readonly roleAdmins: string[];
  /** Everyone the governance resources and guardrails are not protected from: the settings admins and the role admins. */
  public readonly allAdmins: string[];
  /** Principals of the member accounts that may assume the qualifier's CDK roles (`deploymentPrincipalArnPatterns`). */
  public readonly deploymentPrincipals: string[];
  /** The roles that deliver the invocation logs, on their own protected path. */
  public readonly logDeliveryRoles: string;
  /**
   * The roles nobody but the role admins may pass: the settings admins and trusted names, with one pattern for both of the landing
   * zone's paths (the control plane's and the spend stops' `/bedrock-landing-zone/`, the delivery roles'
   * `/bedrock-landing-zone-log-delivery/`), whose common start it is (rt3 F9). It also reaches a root-path role whose name starts so,
   * which is only ever a deny too many.
   */
  public readonly unpassableRoles: string[];
  /** The qualifier's CDK roles and the StackSets execution roles: exempt, so nobody else may assume them. */
  public readonly deploymentRoles: string[];
  /** The qualifier's CDK publishing roles, which write the asset bucket and repository. */
  public readonly assetPublishers: string[];

  /**
   * @param partition the partition of the ARNs (a token when deployed, the longest name when measured)
   * @param qualifier the CDK bootstrap qualifier whose roles deploy the landing zones (`*`: any)
   * @param configurationAdmins `configurationAdminRoleArnPatterns`
   * @param deploymentPrincipals `deploymentPrincipalArnPatterns`
   */
  constructor(private readonly partition: string, qualifier: string, configurationAdmins: string[], deploymentPrincipals: string[]) {
    this.bootstrapAdmins = [this.role('/OrganizationAccountAccessRole'), this.role('/AWSControlTowerExecution')];
    this.deployers = [
      this.role(`/cdk-${qualifier}-cfn-exec-role-*`),
      // Service-managed StackSets deploy the baseline through this role in each member account.
      this.role('/stacksets-exec-*'),
      ...configurationAdmins,
    ];
    this.trustedNames = [...deploymentPrincipals, ...(qualifier === '*' ? [] : [this.role(`/cdk-${qualifier}-*`)])];
    this.settingsAdmins = [this.role(`${LANDING_ZONE_ROLE_PATH}*`), ...this.deployers];
    this.roleAdmins = [...this.deployers, this.role(`/cdk-${qualifier}-deploy-role-*`), ...this.bootstrapAdmins];
    this.allAdmins = [...new Set([...this.settingsAdmins, ...this.roleAdmins])];
    this.deploymentPrincipals = deploymentPrincipals;
    this.logDeliveryRoles = this.role(`${LOG_DELIVERY_ROLE_PATH}*`);
    const landingZonePaths = this.role(`${LANDING_ZONE_ROLE_PATH.replace(/\/$/, '')}*`);
    this.unpassableRoles = [...new Set([landingZonePaths, ...this.deployers, ...this.trustedNames])];
    this.deploymentRoles = [this.role(`/cdk-${qualifier}-*`), this.role('/stacksets-exec-*')];
    this.assetPublishers = [this.role(`/cdk-${qualifier}-file-publishing-role-*`), this.role(`/cdk-${qualifier}-image-publishing-role-*`)];
  }

  /** A role ARN pattern of any account: `pattern` is the role's path and name. */
  public role(pattern: string): string {
    return `arn:${this.partition}:iam::*:role${pattern}`;
  }
}
