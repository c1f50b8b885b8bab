import { aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { ApprovedModel, BedrockLandingZone, BedrockLandingZoneProps, GovernanceProfile } from '../../src/landing-zone';
import { SpendStopApproval } from '../../src/spend';
import { ACCOUNT, SONNET_45, profileArn, stackIn } from '../models/fixtures';
import { TemplatePolicies, evaluate } from '../support/iam';
import { checkCompliance } from '../support/nag';

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

  // rt3 F19: the statements protect what carries the tag; a stack's tags reaching Budgets and Cost Explorer resources is not
  // verified, so the tag is in the template itself.
  test('the budget, the team budgets and the anomaly monitor carry the protection tag in the template (rt3 F19)', () => {
    const { template } = landingZone({
      spend: { monthlyLimitUsd: 2000, teamTagKey: 'team', teamBudgets: [{ team: 'claims-ai', monthlyLimitUsd: 1500 }] },
    });
    const tagged = (type: string, tagsOf: (p: any) => Array<{ Key: string; Value: string }> | undefined) =>
      Object.values(template.findResources(type)).map(r => (tagsOf(r.Properties) ?? []).some(t => t.Key === 'bedrock-landing-zone:protected' && t.Value === 'true'));
    expect([
      tagged('AWS::Budgets::Budget', p => p.ResourceTags),
      tagged('AWS::CE::AnomalyMonitor', p => p.ResourceTags),
      tagged('AWS::CE::AnomalySubscription', p => p.ResourceTags),
    ]).toEqual([[true, true], [true], [true]]);
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

describe('attribution: cost tags on every principal granted model access, a budget per team', () => {
  test('a budget per team tag value, counting its principals\' iamPrincipal tag, on the governance topic', () => {
    const { lz, stack, template } = landingZone({
      spend: {
        monthlyLimitUsd: 5000,
        costTags: { Team: 'claims-ai' },
        teamTagKey: 'Team',
        teamBudgets: [{ team: 'claims-ai', monthlyLimitUsd: 1500 }, { team: 'fraud-ml', monthlyLimitUsd: 800 }],
      },
    });
    expect(lz.teamBudgets.map(b => [b.node.id, b.monthlyLimitUsd, b.scope.description])).toEqual([
      ['TeamBudget-claimsai', 1500, 'principals tagged Team=claims-ai'],
      ['TeamBudget-fraudml', 800, 'principals tagged Team=fraud-ml'],
    ]);
    const topicId = stack.getLogicalId(lz.notifications!.topic.node.defaultChild as any);
    for (const [team, limit] of [['claims-ai', 1500], ['fraud-ml', 800]] as const) {
      template.hasResourceProperties('AWS::Budgets::Budget', {
        Budget: {
          BudgetLimit: { Amount: limit, Unit: 'USD' },
          FilterExpression: { Tags: { Key: 'iamPrincipal/Team', Values: [team], MatchOptions: ['EQUALS'] } },
        },
        NotificationsWithSubscribers: [1, 2, 3].map(() => ({ Notification: Match.anyValue(), Subscribers: [{ SubscriptionType: 'SNS', Address: { Ref: topicId } }] })),
      });
    }
    template.resourceCountIs('AWS::Budgets::Budget', 3);
  });

  test('team budgets: the tag key, the account budget and distinct teams are required, each error naming what to write', () => {
    expect(() => landingZone({ spend: { existingBudgetName: 'bedrock-dev', teamBudgets: [{ team: 'a', monthlyLimitUsd: 1 }, { team: 'a', monthlyLimitUsd: 2 }, { team: '--', monthlyLimitUsd: 3 }] } }))
      .toThrow('BedrockLandingZone:\n' +
        '  - spend.teamBudgets is given without spend.monthlyLimitUsd: team budgets belong to the account, like its budget; give them in the ' +
        'landing zone that creates the account budget\n' +
        "  - spend.teamBudgets is given without spend.teamTagKey: name the principal tag that holds the team, e.g. teamTagKey: 'team'\n" +
        "  - spend.teamBudgets[1].team 'a' repeats a team (or differs from one only by punctuation); give each team one budget\n" +
        "  - spend.teamBudgets[2].team is '--'; expected at least one ASCII letter or digit, which name the team's budget");
    expect(() => landingZone({ spend: { monthlyLimitUsd: 10, teamTagKey: 'Team!', teamBudgets: [{ team: 'a*b', monthlyLimitUsd: 1 }] } }))
      .toThrow('BedrockLandingZone:\n' +
        "  - spend.teamTagKey is 'Team!'; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@\n" +
        "  - spend.teamBudgets[0].team is 'a*b'; expected a tag value of 1 to 256 letters, digits, spaces and _.:/=+-@");
  });

  test('an imported application role cannot carry the cost tags: an error, not a silent gap', () => {
    const stack = stackIn('eu-central-1');
    const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/payments-app`);
    expect(() => new BedrockLandingZone(stack, 'Lz', { approvedModels: MODELS, applicationRoles: [imported], spend: { costTags: { Team: 'claims-ai' } } }))
      .toThrow('BedrockLandingZone: applicationRoles[0] (Stack/Imported) is imported, so spend.costTags cannot be put on it: create it in ' +
        'the CDK app, or tag it where it is created and leave it out here');
  });

  test('bad tag keys and values, and a required tag given empty, are errors naming the prop and the value', () => {
    const tagged = GovernanceProfile.of('finops', { requiredCostTags: ['Team'] });
    expect(() => landingZone({ profiles: [tagged], spend: { costTags: { 'Team': '', 'aws:team': 'x', 'Owner': 'a*b' } } })).toThrow('BedrockLandingZone:\n' +
      "  - profile finops requires the cost allocation tags Team on the application roles, but spend.costTags lacks Team: give spend: { costTags: { 'Team': '...' } }\n" +
      "  - spend.costTags has the key 'aws:team'; expected 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with aws:\n" +
      "  - spend.costTags.Owner is 'a*b'; expected up to 256 letters, digits, spaces and _.:/=+-@");
  });
});

describe('application inference profiles per workload, with the cost tags', () => {
  test('one per workload and approved chat model, tagged with the cost tags and the workload; the application role invokes it only under the approved conditions', async () => {
    const { lz, stack, template, role } = landingZone({
      spend: { costTags: { Team: 'claims-ai' }, workloads: ['claims-assistant', 'fraud-triage'], workloadTagKey: 'Workload' },
    });
    expect(lz.workloadInferenceProfiles.map(p => p.node.id)).toEqual(['WorkloadProfile-claimsassistant-1', 'WorkloadProfile-fraudtriage-1']);
    for (const workload of ['claims-assistant', 'fraud-triage']) {
      template.hasResourceProperties('AWS::Bedrock::ApplicationInferenceProfile', {
        Tags: [{ Key: 'Team', Value: 'claims-ai' }, { Key: 'Workload', Value: workload }],
      });
    }
    const json = template.toJSON();
    const idOf = (type: string) => Object.keys(json.Resources).filter(id => json.Resources[id].Type === type);
    const guardrailArn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr1`;
    const profileIds = lz.workloadInferenceProfiles.map(p => stack.getLogicalId(p.resource));
    const aipArn = (i: number) => `arn:aws:bedrock:eu-central-1:${ACCOUNT}:application-inference-profile/aip${i}`;
    const policies = new TemplatePolicies(json, {
      region: 'eu-central-1',
      accountId: ACCOUNT,
      refs: { [idOf('AWS::EC2::VPCEndpoint')[0]]: 'vpce-0runtime' },
      getAtts: {
        [`${idOf('AWS::Bedrock::Guardrail')[0]}.GuardrailArn`]: guardrailArn,
        [`${idOf('AWS::Bedrock::GuardrailVersion')[0]}.Version`]: '1',
        [`${idOf('AWS::KMS::Key').find(i => i.startsWith('LzGuardrailKey'))}.Arn`]: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/k1`,
        ...Object.fromEntries(profileIds.map((id, i) => [`${id}.InferenceProfileArn`, aipArn(i)])),
      },
    });
    const identity = policies.identityPoliciesOf(stack.getLogicalId(role.node.defaultChild as any));
    const request = (context: Record<string, string>) => ({ action: 'bedrock:InvokeModel', resource: aipArn(0), context: { 'aws:SourceVpce': 'vpce-0runtime', 'aws:ViaAWSService': 'false', ...context } });
    expect(await evaluate({ identity }, request({ 'bedrock:GuardrailIdentifier': `${guardrailArn}:1` }))).toBe('Allowed');
    expect(await evaluate({ identity }, request({}))).toBe('ExplicitlyDenied');
    expect(await evaluate({ identity }, request({ 'bedrock:GuardrailIdentifier': `${guardrailArn}:1`, 'aws:SourceVpce': 'vpce-0other' }))).toBe('ExplicitlyDenied');
    // The runtime endpoint the grant requires admits the workload profiles by name (red team round 3, G1), and no other profile.
    const runtime = idOf('AWS::EC2::VPCEndpoint').find(id => id.startsWith('LzEndpointsRuntime'))!;
    const vpcEndpointPolicies = [policies.documentOf(runtime, 'PolicyDocument')];
    const governed = request({ 'bedrock:GuardrailIdentifier': `${guardrailArn}:1`, 'bedrock:InferenceProfileArn': aipArn(0), 'aws:PrincipalAccount': ACCOUNT });
    expect(await evaluate({ identity, vpcEndpointPolicies }, governed)).toBe('Allowed');
    expect(await evaluate({ identity: [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }], vpcEndpointPolicies },
      { ...governed, resource: aipArn(7), context: { ...governed.context, 'bedrock:InferenceProfileArn': aipArn(7) } })).toBe('ImplicitlyDenied');
  });

  test('the tag key, distinct workloads and application roles are required, each error naming what to write', () => {
    expect(() => landingZone({ spend: { workloads: ['a', 'a', '--'] } }, false)).toThrow('BedrockLandingZone:\n' +
      "  - spend.workloads is given without spend.workloadTagKey: name the tag that holds the workload, e.g. workloadTagKey: 'workload'\n" +
      "  - spend.workloads[1] 'a' repeats a workload (or differs from one only by punctuation); name each workload once\n" +
      "  - spend.workloads[2] is '--'; expected a tag value of 1 to 256 letters, digits, spaces and _.:/=+-@ with at least one ASCII letter or digit\n" +
      "  - spend.workloads is given but applicationRoles is empty: the workloads' inference profiles would have nobody to invoke them; give the application roles");
  });
});

test('more workload profiles than the application roles can hold managed policies for is an error at synth', () => {
  expect(() => landingZone({ spend: { workloads: ['a', 'b', 'c', 'd', 'e', 'f'], workloadTagKey: 'Workload' } })).toThrow(
    'BedrockLandingZone: spend.workloads gives 6 workload(s) × 1 approved chat model(s) = 6 application inference profiles, each granted to the ' +
    'application roles by a managed policy; at most 5 fit beside the others (IAM attaches 10 managed policies to a role by default): give fewer workloads');
});

test('the workloads\' profiles and their policies add no cdk-nag finding and no acknowledgement', () => {
  const { stack: plain } = landingZone({ spend: { costTags: { Team: 'claims-ai' } } });
  const { stack: withWorkloads } = landingZone({ spend: { costTags: { Team: 'claims-ai' }, workloads: ['claims-assistant'], workloadTagKey: 'Workload' } });
  expect(checkCompliance(withWorkloads)).toEqual(checkCompliance(plain));
});
