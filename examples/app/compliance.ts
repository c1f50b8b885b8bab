import { IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * The compliance packs the landing zone runs. cdk-nag 3 packs are policy-validation plugins:
 * register them with `Validations.of(app).addPlugins(...)`.
 */
export function compliancePacks(app?: IConstruct): IPolicyValidationPlugin[] {
  return [
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
    new NIST80053R5Checks(app),
    new PCIDSS321Checks(app),
  ];
}
