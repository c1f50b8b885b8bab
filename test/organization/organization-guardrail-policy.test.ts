import { App, Stack, aws_kms as kms } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockLandingZone, BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors, FoundationModel,
  Guardrail, GuardrailPreset, OrganizationGuardrailPolicy, OrganizationGuardrailPolicyProps,
} from '../../src';
import { BedrockLandingZoneError } from '../../src/errors/bedrock-landing-zone-error';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { checkCompliance } from '../support/nag';

const MANAGEMENT = '999999999999';
const ORG = 'o-exampleorg1';

function errorOf(fn: () => unknown): BedrockLandingZoneError {
  try {
    fn();
  } catch (e) {
    return e as BedrockLandingZoneError;
  }
  throw new Error('expected an error, nothing was thrown');
}

function management(props: Partial<OrganizationGuardrailPolicyProps> = {}, region = 'eu-central-1') {
  const stack = new Stack(new App(), 'Management', { env: { account: MANAGEMENT, region } });
  const guardrail = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
  const policy = new OrganizationGuardrailPolicy(stack, 'OrgGuardrail', {
    guardrail, organizationId: ORG, rootId: 'r-ab12', targetIds: ['ou-ab12-workloads1'], ...props,
  });
  return { stack, guardrail, policy, template: Template.fromStack(stack) };
}

describe('OrganizationGuardrailPolicy', () => {
  test('a BEDROCK_POLICY in the policy\'s own syntax: the guardrail at its version, comprehensive guarding, every model but the excluded', () => {
    const { stack, guardrail, template } = management({ excludedModels: [FoundationModel.of(TITAN_EMBED_V2)] });
    const policies = Object.values<any>(template.findResources('AWS::Organizations::Policy'));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.Type).toBe('BEDROCK_POLICY');
    expect(policies[0].Properties.TargetIds).toEqual(['ou-ab12-workloads1']);
    expect(policies[0].Properties.Content).toEqual({
      bedrock: {
        guardrail_inference: {
          'eu-central-1': {
            bedrock_landing_zone: {
              identifier: { '@@assign': stack.resolve(`${guardrail.guardrailArn}:${guardrail.guardrailVersion}`) },
              selective_content_guarding: { system: { '@@assign': 'comprehensive' }, messages: { '@@assign': 'comprehensive' } },
              model_enforcement: { included_models: { '@@assign': ['ALL'] }, excluded_models: { '@@assign': [TITAN_EMBED_V2] } },
            },
          },
        },
      },
    });
  });

  test('the guardrail\'s resource policy lets the organization apply it, its key lets them decrypt it through Bedrock; the policy waits for both and the policy type', () => {
    const { stack, guardrail, policy, template } = management();
    template.hasResourceProperties('AWS::Bedrock::ResourcePolicy', {
      ResourceArn: stack.resolve(guardrail.guardrailArn),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'OrganizationAppliesGuardrail',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'bedrock:ApplyGuardrail',
          Resource: stack.resolve(guardrail.guardrailArn),
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
        }],
      },
    });
    const keyStatements = Object.values<any>(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement;
    expect(keyStatements.filter((s: any) => s.Sid === 'OrganizationAppliesGuardrail')).toEqual([{
      Sid: 'OrganizationAppliesGuardrail',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'kms:ViaService': 'bedrock.eu-central-1.amazonaws.com' } },
    }]);
    const dependsOn = template.toJSON().Resources[stack.getLogicalId(policy.policy)].DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([
      stack.getLogicalId(policy.resourcePolicy),
      stack.getLogicalId(policy.policyType.node.defaultChild as any),
      stack.getLogicalId(guardrail.version),
    ]));
    template.hasResourceProperties('Custom::OrganizationsPolicyType', { RootId: 'r-ab12', PolicyType: 'BEDROCK_POLICY' });
  });

  test('the control plane may enable only the Bedrock policy type, only on the organization\'s root', () => {
    const { template } = management();
    const role = Object.values<any>(template.findResources('AWS::IAM::Role')).find(r => r.Properties.Path === '/bedrock-landing-zone/');
    expect(role.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'organizations:ListRoots', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'organizations:EnablePolicyType',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:organizations::${MANAGEMENT}:root/${ORG}/r-ab12`]] },
        Condition: { StringEquals: { 'organizations:PolicyType': 'BEDROCK_POLICY' } },
      },
    ]);
  });

  test('valid CloudFormation; the four packs find nothing', () => {
    const { stack } = management();
    expectValidCloudFormation(stack);
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
  });

  test('synth refuses another account\'s guardrail, another region\'s, Automated Reasoning, bad IDs and names; accepts the management account\'s', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: MANAGEMENT, region: 'eu-central-1' } });
    const reasoning = new Guardrail(stack, 'Reasoning', {
      presets: [GuardrailPreset.BASELINE],
      automatedReasoning: { policyArns: [`arn:aws:bedrock:eu-central-1:${MANAGEMENT}:automated-reasoning-policy/p1abcdefghij`] },
    });
    const error = errorOf(() => new OrganizationGuardrailPolicy(stack, 'Bad', {
      guardrail: reasoning,
      organizationId: 'example',
      rootId: 'root',
      targetIds: ['workloads'],
      configurationName: 'my config',
      systemGuarding: 'strict' as any,
    }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.ORGANIZATION_GUARDRAIL_PROPS);
    expect(error.problems).toEqual([
      'guardrail Management/Reasoning has Automated Reasoning policies, which an organization-wide guardrail cannot have: enforce a guardrail without them',
      "organizationId 'example' is not an organization ID (o- and 10 to 32 lowercase letters or digits)",
      "rootId 'root' is not a root ID (r- and 4 to 32 lowercase letters or digits)",
      "targetIds: 'workloads' is not a root (r-...), organizational unit (ou-...-...) or account (12 digits) ID",
      "configurationName 'my config' is not allowed: use 1 to 64 letters, digits, '_' or '-'",
      "systemGuarding is the string 'strict'; expected SelectiveGuardingMode.SELECTIVE or SelectiveGuardingMode.COMPREHENSIVE",
    ]);
    const member = Guardrail.fromGuardrailAttributes(stack, 'Member', { guardrailArn: 'arn:aws:bedrock:eu-west-1:111111111111:guardrail/abcdefghijkl', guardrailVersion: '1' });
    expect(errorOf(() => new OrganizationGuardrailPolicy(stack, 'Member2', { guardrail: member, organizationId: ORG, rootId: 'r-ab12', targetIds: ['r-ab12'] })).problems)
      .toEqual([
        'guardrail.guardrailArn is in eu-west-1, but the policy enforces it in the stack region eu-central-1: a Bedrock policy enforces a guardrail ' +
        'of its own region; deploy this construct in that region',
        'guardrail.guardrailArn is in account 111111111111, but a Bedrock policy can enforce only a guardrail of the management account ' +
        '(this stack\'s, 999999999999)',
      ]);
    const own = Guardrail.fromGuardrailAttributes(stack, 'Own', { guardrailArn: `arn:aws:bedrock:eu-central-1:${MANAGEMENT}:guardrail/abcdefghijkl`, guardrailVersion: '1' });
    expect(() => new OrganizationGuardrailPolicy(stack, 'Ok', { guardrail: own, organizationId: ORG, rootId: 'r-ab12', targetIds: ['r-ab12'] })).not.toThrow();
  });

  test('an imported guardrail key whose policy cannot be changed: a warning says what to allow', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: MANAGEMENT, region: 'eu-central-1' } });
    const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:eu-central-1:${MANAGEMENT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    const guardrail = Guardrail.fromGuardrailAttributes(stack, 'Imported', {
      guardrailArn: `arn:aws:bedrock:eu-central-1:${MANAGEMENT}:guardrail/abcdefghijkl`, guardrailVersion: '3', encryptionKey: key,
    });
    new OrganizationGuardrailPolicy(stack, 'OrgGuardrail', { guardrail, organizationId: ORG, rootId: 'r-ab12', targetIds: ['r-ab12'] });
    Annotations.fromStack(stack).hasWarning('/Management/OrgGuardrail', Match.stringLikeRegexp(
      `^The guardrail's key \\(arn:aws:kms:eu-central-1:${MANAGEMENT}:key/1234abcd-12ab-34cd-56ef-1234567890ab\\) is imported, so its policy cannot be changed here: ` +
      `allow kms:Decrypt to principals of ${ORG} \\(aws:PrincipalOrgID\\) through bedrock.eu-central-1.amazonaws.com`));
  });

  test('the policy must fit AWS Organizations\' 10,000 characters', () => {
    const many = Array.from({ length: 200 }, (_, i) => FoundationModel.of(`amazon.titan-model-number-${i}-of-a-long-list-v1:0`, { region: 'eu-central-1', allowUnlistedModel: true }));
    const error = errorOf(() => management({ excludedModels: many }));
    expect(error.message).toMatch(/^OrganizationGuardrailPolicy: the policy is up to \d+ characters, more than the 10000 AWS Organizations allows for a Bedrock policy: name fewer includedModels or excludedModels$/);
  });
});

describe('a landing zone that relies on the organization-wide guardrail', () => {
  test('creates no account-wide configuration; asking for both fails synth', () => {
    const stack = stackIn('eu-central-1');
    new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], guardrailEnforcedByOrganization: true });
    Template.fromStack(stack).resourceCountIs('AWS::Bedrock::EnforcedGuardrailConfiguration', 0);
    const error = errorOf(() => new BedrockLandingZone(stackIn('eu-central-1'), 'Lz', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)], guardrailEnforcedByOrganization: true, enforceGuardrailAccountWide: true,
    }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.LANDING_ZONE_PROPS);
    expect(error.message).toBe('BedrockLandingZone: guardrailEnforcedByOrganization and enforceGuardrailAccountWide are both true: the organization ' +
      'enforces its guardrail on this account, and an account-wide configuration would be a second one; leave one out');
  });
});
