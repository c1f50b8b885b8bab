/**
 * Who turns on Security Hub's Bedrock and AgentCore controls (Bedrock.1, BedrockAgentCore.1 to 7) in an
 * account and region. They all belong to the AI Security Best Practices standard; a control reports only
 * while a standard that holds it is enabled.
 */
export class SecurityHubControls {
  /**
   * The account's Security Hub is configured elsewhere: by the delegated administrator's central
   * configuration (`BedrockOrganizationDetectiveControls.securityHubPolicy`, or a policy of your own that
   * enables the standard), or not used. This stack creates no Security Hub resource, so it cannot fight
   * that set-up; a member account under central configuration cannot enable a standard itself.
   */
  public static readonly MANAGED_ELSEWHERE = new SecurityHubControls('MANAGED_ELSEWHERE');

  /**
   * Security Hub is enabled in this account and region and configured locally (no central configuration):
   * this stack enables the AI Security Best Practices standard (`AWS::SecurityHub::Standard`), retained
   * when the stack is deleted. Use it only where the standard is not enabled yet: creating the resource for
   * an enabled standard fails the deployment (`ResourceConflictException`), and so does a second one in the
   * same account and region (a synth error in one app). After a stack that enabled it is deleted, the
   * standard stays on: a new stack there uses `MANAGED_ELSEWHERE`.
   */
  public static readonly ENABLE_STANDARD_HERE = new SecurityHubControls('ENABLE_STANDARD_HERE');

  /** @param name the choice, as error messages name it */
  private constructor(public readonly name: string) {}

  /** The choice, as error messages name it */
  public toString(): string {
    return `SecurityHubControls.${this.name}`;
  }
}
