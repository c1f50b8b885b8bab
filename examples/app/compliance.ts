import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CHAT_MODEL, EMBEDDING_MODEL, FAST_MODEL } from './settings';
import { BedrockGovernanceChecks, Geography } from '../../src';

/**
 * The compliance packs the landing zone runs: the four cdk-nag 3 packs and the library's Bedrock pack
 * (policy-validation plugins, registered with `Validations.of(app).addPlugins(...)`), and the AWS
 * Control Tower proactive controls through cfn-guard.
 */
export function compliancePacks(app?: IConstruct): IPolicyValidationPlugin[] {
  return [...nagPacks(app), ...templatePacks()];
}

/** cdk-nag packs walk the whole construct tree from the app, nested stages and StackSet stacks included. */
export function nagPacks(app?: IConstruct): IPolicyValidationPlugin[] {
  return [
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
    new NIST80053R5Checks(app),
    new PCIDSS321Checks(app),
    bedrockPack(app),
  ];
}

/** The library's Bedrock pack with the landing zone's approved models and geographies. */
export function bedrockPack(app?: IConstruct): BedrockGovernanceChecks {
  return new BedrockGovernanceChecks(app, {
    approvedModels: [CHAT_MODEL, FAST_MODEL, EMBEDDING_MODEL],
    approvedGeographies: [Geography.US, Geography.EU],
    // Every account that reaches a model has a Bedrock budget (SP4).
    requireBudget: true,
  });
}

/** Template checks: aws-cdk-lib runs them on every stack of the app, nested stages included. */
export function templatePacks(): IPolicyValidationPlugin[] {
  return [new CfnGuardValidator({ controlTowerRulesEnabled: true })];
}
