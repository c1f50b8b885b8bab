import { aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { ApprovedModel, BedrockLandingZone, BedrockLandingZoneProps, GovernanceProfile } from '../../src/landing-zone';
import { SpendStopApproval } from '../../src/spend';
import { ACCOUNT, SONNET_45, profileArn, stackIn } from '../models/fixtures';
import { TemplatePolicies, evaluate } from '../support/iam';

const MODELS = [ApprovedModel.throughGeography(SONNET_45)];

function landingZone(props: Partial<BedrockLandingZoneProps> = {}, withRole = true) {
  const stack = stackIn('eu-central-1');
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: MODELS, applicationRoles: withRole ? [role] : undefined, ...props });
  return { stack, role, lz, template: Template.fromStack(stack) };
}

describe('BedrockLandingZone spend controls', () => {
  test('the regulated profiles require a budget, naming both ways to give one', () => {
    for (const profile of [GovernanceProfile.HIPAA, GovernanceProfile.PCI_DSS, GovernanceProfile.FEDRAMP_MODERATE]) {
      expect(profile.requireBudget).toBe(true);
    }
    expect(GovernanceProfile.BASELINE.requireBudget).toBe(false);
    expect(GovernanceProfile.combine([GovernanceProfile.BASELINE, GovernanceProfile.HIPAA]).requireBudget).toBe(true);
    expect(() => landingZone({ profiles: [GovernanceProfile.HIPAA] })).toThrow(expect.objectContaining({
      code: Code.LANDING_ZONE_PROPS,
      message: 'BedrockLandingZone: profile hipaa requires a Bedrock budget: give spend: { monthlyLimitUsd } to create one here, or ' +
        'spend: { existingBudgetName } when another landing zone of the account creates it',
    }));
  });

  test('a budget named elsewhere satisfies the profile and creates nothing here', () => {
    const { lz, template } = landingZone({ profiles: [GovernanceProfile.HIPAA], spend: { existingBudgetName: 'bedrock-prod' } });
    expect(lz.budgetName).toBe('bedrock-prod');
    expect(lz.budget).toBeUndefined();
    template.resourceCountIs('AWS::Budgets::Budget', 0);
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 0);
  });

  test('a budget, its alerts on the landing zone\'s encrypted topic, an anomaly monitor; no stop unless asked', () => {
    const { lz, stack, template } = landingZone({ spend: { monthlyLimitUsd: 2000, budgetName: 'bedrock-dev' } });
    const topicId = stack.getLogicalId(lz.notifications!.topic.node.defaultChild as any);
    const [budget] = Object.values(template.findResources('AWS::Budgets::Budget'));
    expect(budget.Properties.Budget.BudgetName).toBe('bedrock-dev');
    expect(budget.Properties.NotificationsWithSubscribers.map((n: any) => n.Subscribers)).toEqual(
      [1, 2, 3].map(() => [{ SubscriptionType: 'SNS', Address: { Ref: topicId } }]));
    const keyId = stack.getLogicalId(lz.notifications!.encryptionKey.node.defaultChild as any);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { Subscribers: [{ Type: 'SNS', Address: { Ref: topicId } }] });
    template.resourceCountIs('AWS::Budgets::BudgetsAction', 0);
    expect(lz.budgetName).toBe('bedrock-dev');
    expect(landingZone({ spend: { monthlyLimitUsd: 2000, anomalyDetection: false } }).lz.spendAnomalyMonitor).toBeUndefined();
  });

  test('the spend stop stops the application roles; after it, the governed call the model access policy allows is denied', async () => {
    const spend = { monthlyLimitUsd: 2000, stopAtPercentage: 90, stopApproval: SpendStopApproval.MANUAL };
    const { lz, stack, template, role } = landingZone({ spend });
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      ActionThreshold: { Type: 'PERCENTAGE', Value: 90 },
      ApprovalModel: 'MANUAL',
      Definition: { IamActionDefinition: { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as any) }] } },
    });
    const json = template.toJSON();
    const idOf = (type: string) => Object.keys(json.Resources).filter(id => json.Resources[id].Type === type);
    const guardrailArn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr1`;
    const policies = new TemplatePolicies(json, {
      region: 'eu-central-1',
      accountId: ACCOUNT,
      refs: { [idOf('AWS::EC2::VPCEndpoint')[0]]: 'vpce-0runtime' },
      getAtts: {
        [`${idOf('AWS::Bedrock::Guardrail')[0]}.GuardrailArn`]: guardrailArn,
        [`${idOf('AWS::Bedrock::GuardrailVersion')[0]}.Version`]: '1',
        [`${idOf('AWS::KMS::Key').find(i => i.startsWith('LzGuardrailKey'))}.Arn`]: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/k1`,
      },
    });
    const identity = policies.identityPoliciesOf(stack.getLogicalId(role.node.defaultChild as any));
    const deny = policies.documentOf(stack.getLogicalId(lz.spendStop!.denyPolicy.node.defaultChild as any), 'PolicyDocument');
    const request = {
      action: 'bedrock:InvokeModel',
      resource: profileArn('eu-central-1', `eu.${SONNET_45}`),
      context: { 'bedrock:GuardrailIdentifier': `${guardrailArn}:1`, 'aws:SourceVpce': 'vpce-0runtime', 'aws:ViaAWSService': 'false' },
    };
    expect(await evaluate({ identity }, request)).toBe('Allowed');
    expect(await evaluate({ identity: [...identity, deny] }, request)).toBe('ExplicitlyDenied');
  });

  test('in another region of the account: the stop acts on the account\'s budget by name, nothing else is created', () => {
    const { lz, template, stack, role } = landingZone({ spend: { existingBudgetName: 'bedrock-dev', stopAtPercentage: 100 } });
    template.resourceCountIs('AWS::Budgets::Budget', 0);
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 0);
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      BudgetName: 'bedrock-dev',
      Definition: { IamActionDefinition: { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as any) }] } },
    });
    expect(lz.spendStop).toBeDefined();
  });

  test('cost tags go on the application roles; a key the profile requires must be among them', () => {
    const tagged = GovernanceProfile.of('finops', { requiredCostTags: ['team', 'cost-center'] });
    const { template } = landingZone({ profiles: [tagged], spend: { costTags: { 'team': 'claims', 'cost-center': 'cc-42' } } });
    const [role] = Object.values(template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] } } }));
    expect(role.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'claims' }, { Key: 'cost-center', Value: 'cc-42' }]));
    expect(() => landingZone({ profiles: [tagged], spend: { costTags: { team: 'claims' } } })).toThrow(
      'BedrockLandingZone: profile finops requires the cost allocation tags team, cost-center on the application roles, but spend.costTags lacks ' +
      "cost-center: give spend: { costTags: { 'cost-center': '...' } }");
    expect(() => GovernanceProfile.of('bad', { requiredCostTags: [''] })).toThrow(
      "GovernanceProfile 'bad': requiredCostTags[0] is ''; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@");
  });

  test('inconsistent spend settings are errors naming what to write', () => {
    expect(() => landingZone({ spend: { monthlyLimitUsd: 100, existingBudgetName: 'b', stopAtPercentage: 100 } }, false)).toThrow(
      'BedrockLandingZone:\n' +
      '  - spend.monthlyLimitUsd and spend.existingBudgetName are both given: give monthlyLimitUsd to create the budget here, or existingBudgetName ' +
      'when it is created elsewhere\n' +
      '  - spend.stopAtPercentage is set but applicationRoles is empty: the stop would have nobody to stop; give the application roles');
    expect(() => landingZone({ spend: { stopAtPercentage: 100 } })).toThrow(
      'BedrockLandingZone: spend.stopAtPercentage is set without a budget: give spend.monthlyLimitUsd, or spend.existingBudgetName for the account\'s budget created elsewhere');
  });
});
