import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * The compliance packs the landing zone runs: the four cdk-nag 3 packs (policy-validation plugins,
 * registered with `Validations.of(app).addPlugins(...)`) and the AWS Control Tower proactive controls
 * through cfn-guard.
 */
export function compliancePacks(app?: IConstruct): IPolicyValidationPlugin[] {
  return [
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
    new NIST80053R5Checks(app),
    new PCIDSS321Checks(app),
    new CfnGuardValidator({ controlTowerRulesEnabled: true }),
  ];
}
