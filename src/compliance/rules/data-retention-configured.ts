import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { DATA_RETENTION_TYPE, governedDoorGrants, otherCallRegions, settingMadeFor } from '../private/app-facts';
import { IDENTITY_POLICY_TYPES } from '../private/iam';
import { defineRule } from '../private/rule-definition';

/** DR1: a stack that lets principals invoke models is in an account and region whose data retention mode the app sets. */
export const DataRetentionConfigured = defineRule({
  id: 'DR1',
  name: 'DataRetentionConfigured',
  info: 'The IAM resource allows a door to a model in an account and region where the app sets no data retention mode.',
  explanation: 'Data retention (whether Bedrock or a model provider may keep prompts) is an account-and-region setting; an account that never ' +
    'sets it keeps the service default, which a HIPAA or PCI DSS account cannot promise anything about. The rule reports a policy whose Allow ' +
    'statements cover any door of the inference catalogue (as LG1 does) when no `Custom::BedrockDataRetention` (`BedrockDataRetention`, which ' +
    '`BedrockLandingZone` creates) of the same app is in the same account and region, as one finding per resource (`Bedrock-DR1`), and when a ' +
    'grant lets a model be called in another region (a Bedrock ARN of that region, or a profile of that region for fenced legs) where the ' +
    'app sets no mode (`Bedrock-DR1[Region::us-east-1]`). Accounts ' +
    'outside the pack\'s `governedAccounts` are not checked. When the mode is set by another app (an account baseline), acknowledge the finding with that reason.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: { nist80053r5: ['SI-12', 'SC-28'], hipaa: ['164.308(b)(1)', '164.312(c)(1)'], pciDss: ['3.1'], securityHub: [], wellArchitectedGenAi: ['GENSEC02'] },
  judge(res, context) {
    const allows = governedDoorGrants(res, context);
    if (allows.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    if (!settingMadeFor(context, DATA_RETENTION_TYPE, res.stack.environment)) return NagRuleCompliance.NON_COMPLIANT;
    // Prompts sent to another region are retained under that region's mode.
    const account = res.stack.account;
    const elsewhere = account === undefined ? [] : otherCallRegions(allows, res.stack.region)
      .filter(region => !settingMadeFor(context, DATA_RETENTION_TYPE, `${account}/${region}`)).map(region => `Region::${region}`);
    return elsewhere.length > 0 ? elsewhere : NagRuleCompliance.COMPLIANT;
  },
});
