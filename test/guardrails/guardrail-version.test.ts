import { App, Lazy, Stack, Tags, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { logicalIdOf } from './fixtures';
import { ContentFilterType, FilterStrength, Guardrail, GuardrailPreset, GuardrailProps } from '../../src/guardrails';
import { ACCOUNT } from '../models/fixtures';

function build(props: GuardrailProps, before?: (stack: Stack) => void, after?: (stack: Stack) => void): { stack: Stack; guardrail: Guardrail } {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-central-1' } });
  before?.(stack);
  const guardrail = new Guardrail(stack, 'Guardrail', props);
  after?.(stack);
  return { stack, guardrail };
}

const BASE: GuardrailProps = {
  guardrailName: 'platform',
  presets: [GuardrailPreset.BASELINE],
  deniedTopics: [{ name: 'Investment advice', definition: 'Recommendations about what to invest in.' }],
};

function versionIds(stack: Stack): string[] {
  return Object.keys(Template.fromStack(stack).findResources('AWS::Bedrock::GuardrailVersion'));
}

describe('the published version follows the guardrail\'s content', () => {
  test('a guardrail publishes one version named after its content hash', () => {
    const { stack, guardrail } = build(BASE);
    expect(guardrail.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(guardrail.version.node.id).toBe(`Version${guardrail.contentHash.slice(0, 8)}`);
    expect(versionIds(stack)).toEqual([logicalIdOf(stack, guardrail.version)]);
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::GuardrailVersion', {
      GuardrailIdentifier: { 'Fn::GetAtt': [logicalIdOf(stack, guardrail.resource), 'GuardrailId'] },
      Description: `Content sha256:${guardrail.contentHash.slice(0, 16)}`,
    });
    expect(stack.resolve(guardrail.guardrailVersion)).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack, guardrail.version), 'Version'] });
  });

  test('changing one filter strength publishes a new version and keeps the guardrail', () => {
    const a = build(BASE);
    const b = build({
      ...BASE,
      contentFilters: [{
        type: ContentFilterType.HATE,
        inputStrength: FilterStrength.MEDIUM,
        outputStrength: FilterStrength.HIGH,
      }],
    });
    expect(b.guardrail.contentHash).not.toBe(a.guardrail.contentHash);
    expect(versionIds(b.stack)).not.toEqual(versionIds(a.stack));
    expect(logicalIdOf(b.stack, b.guardrail.resource)).toBe(logicalIdOf(a.stack, a.guardrail.resource));
    expect(b.guardrail.resource.node.id).toBe('Resource');
  });

  test('a changed blocked message or topic example is a content change too', () => {
    const a = build(BASE);
    expect(build({ ...BASE, blockedInputMessaging: 'Not here.' }).guardrail.contentHash).not.toBe(a.guardrail.contentHash);
    expect(build({ ...BASE, deniedTopics: [{ ...BASE.deniedTopics![0], examples: ['Which fund should I buy?'] }] }).guardrail.contentHash)
      .not.toBe(a.guardrail.contentHash);
  });

  test('adding unrelated constructs before and after the guardrail does not change the version', () => {
    const a = build(BASE);
    const b = build(BASE,
      stack => { new s3.Bucket(stack, 'Bucket'); new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }); },
      stack => { new s3.Bucket(stack, 'Later'); });
    expect(b.guardrail.contentHash).toBe(a.guardrail.contentHash);
    expect(versionIds(b.stack)).toEqual(versionIds(a.stack));
  });

  test('changing the order in which tokens are allocated does not change the version', () => {
    const a = build(BASE);
    const b = build(BASE, () => {
      // Allocate tokens before the guardrail and its key exist, so their token strings differ from app a's.
      for (let i = 0; i < 50; i++) Lazy.string({ produce: () => `t${i}` });
    });
    expect(b.guardrail.encryptionKey!.keyArn).not.toBe(a.guardrail.encryptionKey!.keyArn);
    expect(b.guardrail.contentHash).toBe(a.guardrail.contentHash);
    expect(versionIds(b.stack)).toEqual(versionIds(a.stack));
  });

  test('tags are not content: tagging the stack neither changes the version nor fails synthesis', () => {
    const a = build(BASE);
    const b = build(BASE, undefined, stack => Tags.of(stack).add('CostCenter', 'cc-42'));
    const template = Template.fromStack(b.stack);
    template.hasResourceProperties('AWS::Bedrock::Guardrail', { Tags: [{ Key: 'CostCenter', Value: 'cc-42' }] });
    expect(versionIds(b.stack)).toEqual(versionIds(a.stack));
  });

  test('an escape-hatch change of the guardrail fails synthesis: the version could not follow it', () => {
    const { stack, guardrail } = build(BASE);
    guardrail.resource.addPropertyOverride('BlockedInputMessaging', 'Changed behind the props');
    expect(() => Template.fromStack(stack)).toThrow(
      'the properties of Stack/Guardrail/Resource changed after the guardrail was constructed (an escape hatch such as addPropertyOverride ' +
      'or a property setter), so its published version would not follow its content: pass the change through GuardrailProps instead');
  });

  test('the content hash is pinned: the same props publish the same version across library releases', () => {
    // The hash of BASE as releases up to this one computed it (from the rendered template properties).
    expect(build(BASE).guardrail.contentHash).toBe('2309ddae34131bf60b5f47515379aa1a1e487cf6efde635b8e6ca84d6b496904');
  });

  test('a property setter behind the props fails synthesis too', () => {
    const { stack, guardrail } = build(BASE);
    guardrail.resource.blockedOutputsMessaging = 'Changed behind the props';
    expect(() => Template.fromStack(stack)).toThrow(/changed after the guardrail was constructed/);
  });

  test('a property deletion override fails synthesis; an override of the tags does not', () => {
    const deleted = build(BASE);
    deleted.guardrail.resource.addPropertyDeletionOverride('Description');
    expect(() => Template.fromStack(deleted.stack)).toThrow(/changed after the guardrail was constructed/);
    const tagged = build(BASE);
    tagged.guardrail.resource.addPropertyOverride('Tags', [{ Key: 'Team', Value: 'platform' }]);
    expect(() => Template.fromStack(tagged.stack)).not.toThrow();
  });

  test('previous versions are retained by default, so clients pinned to them keep working', () => {
    const { stack } = build(BASE);
    const versions = Object.values(Template.fromStack(stack).findResources('AWS::Bedrock::GuardrailVersion'));
    expect(versions.map(v => [v.DeletionPolicy, v.UpdateReplacePolicy])).toEqual([['Retain', 'Retain']]);
  });

  test('retainPreviousVersions: false lets CloudFormation delete the previous version', () => {
    const { stack } = build({ ...BASE, retainPreviousVersions: false });
    const versions = Object.values(Template.fromStack(stack).findResources('AWS::Bedrock::GuardrailVersion'));
    expect(versions.map(v => [v.DeletionPolicy, v.UpdateReplacePolicy])).toEqual([['Delete', 'Delete']]);
  });
});
