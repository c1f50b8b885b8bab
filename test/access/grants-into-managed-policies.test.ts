import { App, CfnParameter, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import {
  ApplicationInferenceProfile, CrossRegionInferenceProfile, CustomModel, FoundationModel, Geography, Guardrail,
  ModelAccessPolicy, ProvisionedModel, VectorKnowledgeBase,
} from '../../src';
import { estimatedPolicySize } from '../../src/models/grants/managed-policy-size';
import { ACCOUNT, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { Decision, IamRequest, evaluate, identityPoliciesOf } from '../support/iam';
import { checkCompliance } from '../support/nag';

/**
 * Every `grant*` of the library can write into a managed policy instead of the principal's default
 * (inline) policy: the HIPAA, NIST and PCI packs report inline policies on the user's own roles.
 * aws-cdk-lib's `iam.ManagedPolicy` is a grantee; these tests hold every grant to it, by what the
 * role it is attached to may and may not do.
 */

const REGION = 'eu-central-1';
const KB_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB12345678`;
const GUARDRAIL_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`;
const APP_PROFILE_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/abc123`;
const PROVISIONED_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:provisioned-model/pt123`;
const CUSTOM_DEPLOYMENT_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:custom-model-deployment/cmd123`;
const EU_PROFILE = profileArn(REGION, `eu.${SONNET_45}`);

interface GrantCase {
  readonly grant: string;
  /** Writes the grant for `grantee` (a role or a managed policy) */
  readonly write: (scope: Construct, grantee: iam.IGrantable) => void;
  /** A request the grant must allow */
  readonly allowed: IamRequest;
  /** A request next to it that the grant must not allow, and how it is refused */
  readonly refused: IamRequest;
  readonly refusedAs: Decision;
}

const knowledgeBase = (stack: Construct) => VectorKnowledgeBase.fromKnowledgeBaseAttributes(stack, 'Kb', { knowledgeBaseArn: KB_ARN });

const CASES: GrantCase[] = [
  {
    grant: 'FoundationModel.grantInvoke',
    write: (_, grantee) => FoundationModel.of(TITAN_EMBED_V2).grantInvoke(grantee),
    allowed: { action: 'bedrock:InvokeModel', resource: fmArn(REGION, TITAN_EMBED_V2) },
    refused: { action: 'bedrock:InvokeModel', resource: fmArn(REGION, SONNET_45) },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'CrossRegionInferenceProfile.grantInvoke',
    write: (_, grantee) => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(grantee),
    allowed: { action: 'bedrock:InvokeModel', resource: fmArn('eu-west-3', SONNET_45), context: { 'bedrock:InferenceProfileArn': EU_PROFILE } },
    refused: { action: 'bedrock:InvokeModel', resource: fmArn('us-east-1', SONNET_45), context: { 'bedrock:InferenceProfileArn': EU_PROFILE } },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'CrossRegionInferenceProfile.grantInvoke with a required guardrail',
    write: (scope, grantee) => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(grantee, {
      requireGuardrail: Guardrail.fromGuardrailAttributes(scope, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '2' }),
    }),
    allowed: { action: 'bedrock:InvokeModel', resource: EU_PROFILE, context: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:2` } },
    // The Deny travels with the Allow into the managed policy.
    refused: { action: 'bedrock:InvokeModel', resource: EU_PROFILE },
    refusedAs: 'ExplicitlyDenied',
  },
  {
    grant: 'ApplicationInferenceProfile.grantInvoke',
    write: (scope, grantee) => ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes(scope, 'AppProfile', {
      applicationInferenceProfileArn: APP_PROFILE_ARN, modelSource: FoundationModel.of(TITAN_EMBED_V2),
    }).grantInvoke(grantee),
    allowed: { action: 'bedrock:InvokeModel', resource: APP_PROFILE_ARN },
    refused: { action: 'bedrock:InvokeModel', resource: APP_PROFILE_ARN.replace('abc123', 'other1') },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'ProvisionedModel.grantInvoke',
    write: (scope, grantee) => ProvisionedModel.fromProvisionedModelArn(scope, 'Provisioned', PROVISIONED_ARN).grantInvoke(grantee),
    allowed: { action: 'bedrock:InvokeModelWithResponseStream', resource: PROVISIONED_ARN },
    refused: { action: 'bedrock:InvokeModel', resource: PROVISIONED_ARN.replace('pt123', 'pt999') },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'CustomModel.grantInvoke',
    write: (scope, grantee) => CustomModel.fromCustomModelDeploymentArn(scope, 'Custom', CUSTOM_DEPLOYMENT_ARN).grantInvoke(grantee),
    allowed: { action: 'bedrock:InvokeModel', resource: CUSTOM_DEPLOYMENT_ARN },
    refused: { action: 'bedrock:InvokeModel', resource: CUSTOM_DEPLOYMENT_ARN.replace('cmd123', 'cmd999') },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'KnowledgeBase.grantRetrieve',
    write: (scope, grantee) => knowledgeBase(scope).grantRetrieve(grantee),
    allowed: { action: 'bedrock:Retrieve', resource: KB_ARN },
    refused: { action: 'bedrock:Retrieve', resource: KB_ARN.replace('KB12345678', 'OTHER12345') },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'KnowledgeBase.grantRetrieveAndGenerate',
    write: (scope, grantee) => knowledgeBase(scope).grantRetrieveAndGenerate(grantee, CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)),
    allowed: { action: 'bedrock:RetrieveAndGenerate', resource: '*' },
    refused: { action: 'bedrock:StartIngestionJob', resource: KB_ARN },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'KnowledgeBase.grantIngest',
    write: (scope, grantee) => knowledgeBase(scope).grantIngest(grantee),
    allowed: { action: 'bedrock:StartIngestionJob', resource: KB_ARN },
    refused: { action: 'bedrock:StopIngestionJob', resource: KB_ARN },
    refusedAs: 'ImplicitlyDenied',
  },
  {
    grant: 'Guardrail.grantApply',
    write: (scope, grantee) => Guardrail.fromGuardrailAttributes(scope, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '2' })
      .grantApply(grantee),
    allowed: { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN },
    refused: { action: 'bedrock:ApplyGuardrail', resource: GUARDRAIL_ARN.replace('gr123', 'gr999') },
    refusedAs: 'ImplicitlyDenied',
  },
];

function roleIn(stack: Stack): iam.Role {
  return new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** Where a grant can write: a managed policy attached to the role, or the role's own default policy. */
const GRANTEES: Array<[string, (stack: Stack, role: iam.Role) => iam.IGrantable]> = [
  ['a managed policy attached to the role', (stack, role) => new iam.ManagedPolicy(stack, 'Access', { roles: [role] })],
  ['the role\'s default policy', (_, role) => role],
];

describe.each(CASES)('$grant', ({ write, allowed, refused, refusedAs }) => {
  test.each(GRANTEES)('into %s: the role may do what the grant allows, and not the request next to it', async (_, granteeOf) => {
    const stack = stackIn(REGION);
    const role = roleIn(stack);
    write(stack, granteeOf(stack, role));
    const identity = identityPoliciesOf(role);
    expect(await evaluate({ identity }, allowed)).toBe('Allowed');
    expect(await evaluate({ identity }, refused)).toBe(refusedAs);
  });

  test('into a managed policy: every statement is there, the role has no inline policy', () => {
    const stack = stackIn(REGION);
    write(stack, GRANTEES[0][1](stack, roleIn(stack)));
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::IAM::Policy'))).toEqual([]);
    expect(Object.keys(template.findResources('AWS::IAM::ManagedPolicy'))).toHaveLength(1);
  });
});

describe('what the compliance packs say', () => {
  // Each grant's imports in a scope of their own.
  const grantAll = (stack: Stack, grantee: iam.IGrantable) => CASES.forEach((c, i) => c.write(new Construct(stack, `Case${i}`), grantee));
  const inlineRules = ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy'];

  test('grants into a managed policy: no inline-policy finding', () => {
    const stack = stackIn(REGION);
    const role = roleIn(stack);
    grantAll(stack, new iam.ManagedPolicy(stack, 'Access', { roles: [role] }));
    const rules = checkCompliance(stack).violations.map(v => v.split(' @ ')[0]);
    expect(rules.filter(r => r.endsWith('IAMNoInlinePolicy'))).toEqual([]);
  });

  test('the same grants into the role: the three packs report its inline policy (what the managed policy avoids)', () => {
    const stack = stackIn(REGION);
    grantAll(stack, roleIn(stack));
    const rules = checkCompliance(stack).violations.map(v => v.split(' @ ')[0]);
    expect(rules.filter(r => r.endsWith('IAMNoInlinePolicy')).sort()).toEqual(inlineRules);
  });
});

describe('grants beside a ModelAccessPolicy', () => {
  test('a knowledge base grant goes into a managed policy of the user\'s, attached to the same role: the governed policy keeps only its models', async () => {
    const stack = stackIn(REGION);
    const role = roleIn(stack);
    const access = new ModelAccessPolicy(stack, 'Access', { models: [FoundationModel.of(TITAN_EMBED_V2)], roles: [role] });
    const own = new iam.ManagedPolicy(stack, 'Retrieval', { roles: [role] });
    knowledgeBase(stack).grantRetrieve(own);
    const governedOnly = new iam.Role(stack, 'GovernedOnly', { assumedBy: new iam.AccountRootPrincipal() });
    access.attachToRole(governedOnly);
    const identity = identityPoliciesOf(role);
    expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: fmArn(REGION, TITAN_EMBED_V2) })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: KB_ARN })).toBe('Allowed');
    expect(await evaluate({ identity }, { action: 'bedrock:Retrieve', resource: KB_ARN.replace('KB12345678', 'OTHER12345') })).toBe('ImplicitlyDenied');
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::IAM::Policy'))).toEqual([]);
    // The governed policy alone: the models, not the knowledge base.
    const governed = identityPoliciesOf(governedOnly);
    expect(await evaluate({ identity: governed }, { action: 'bedrock:InvokeModel', resource: fmArn(REGION, TITAN_EMBED_V2) })).toBe('Allowed');
    expect(await evaluate({ identity: governed }, { action: 'bedrock:Retrieve', resource: KB_ARN })).toBe('ImplicitlyDenied');
  });
});

describe('size, checked at synth', () => {
  const grantKnowledgeBases = (stack: Stack, policy: iam.ManagedPolicy, count: number) => {
    for (let i = 0; i < count; i++) {
      VectorKnowledgeBase.fromKnowledgeBaseAttributes(stack, `Kb${i}`, { knowledgeBaseArn: KB_ARN.replace('KB12345678', `KB${String(i).padStart(8, '0')}`) })
        .grantIngest(policy);
    }
  };

  test('grants that outgrow IAM\'s 6,144 characters fail synth and say how to split them', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
    grantKnowledgeBases(stack, new iam.ManagedPolicy(stack, 'Access', { roles: [roleIn(stack)] }), 60);
    expect(() => app.synth()).toThrow(new RegExp(
      'the managed policy Stack/Access is about \\d+ characters with the grants written into it, over IAM\'s 6144 for a managed policy: ' +
      'split the grants across several managed policies'));
  });

  test('the same grants split across two policies synthesize', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
    const role = roleIn(stack);
    grantKnowledgeBases(stack, new iam.ManagedPolicy(stack, 'AccessA', { roles: [role] }), 30);
    const second = new Stack(app, 'Second', { env: { account: ACCOUNT, region: REGION } });
    grantKnowledgeBases(second, new iam.ManagedPolicy(second, 'AccessB', { roles: [roleIn(second)] }), 30);
    expect(() => app.synth()).not.toThrow();
  });

  test('an ARN given as a parameter counts as a whole ARN: the estimate is never below what IAM counts', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
    const policy = new iam.ManagedPolicy(stack, 'Access', { roles: [roleIn(stack)] });
    const guardrail = Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' });
    const values: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      const parameter = new CfnParameter(stack, `ProfileArn${i}`, { type: 'String' });
      // An application profile's ARN: 92 characters, the longest the library names in these grants.
      values[`ProfileArn${i}`] = `arn:aws:bedrock:${REGION}:${ACCOUNT}:application-inference-profile/${'a'.repeat(12)}${String(i).padStart(4, '0')}`;
      ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes(stack, `Profile${i}`, {
        applicationInferenceProfileArn: parameter.valueAsString, modelSource: FoundationModel.of(TITAN_EMBED_V2),
      }).grantInvoke(policy, { requireGuardrail: guardrail });
    }
    const substitute = (v: any): any => {
      if (Array.isArray(v)) return v.map(substitute);
      if (v === null || typeof v !== 'object') return v;
      if (v.Ref !== undefined) return values[v.Ref] ?? 'aws';
      if (v['Fn::Join'] !== undefined) return v['Fn::Join'][1].map(substitute).join(v['Fn::Join'][0]);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x)]));
    };
    const deployed = JSON.stringify(substitute(stack.resolve(policy.document))).length;
    expect(estimatedPolicySize(policy)).toBeGreaterThanOrEqual(deployed);
  });
});
