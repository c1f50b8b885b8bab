import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockDataRetention, BedrockLandingZone, BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors,
  DataRetentionDeletion, DataRetentionMode, GovernanceProfile,
} from '../../src';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';
import { errorOf } from '../support/errors';
import { checkCompliance } from '../support/nag';

describe('BedrockDataRetention', () => {
  test('one custom resource through the stack\'s control-plane function, with the mode and what Delete does', () => {
    const stack = stackIn('eu-central-1');
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE, onDelete: DataRetentionDeletion.RESTORE_PREVIOUS });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::BedrockDataRetention', 1);
    template.hasResourceProperties('Custom::BedrockDataRetention', { Mode: 'none', OnDelete: 'RESTORE_PREVIOUS' });
    // The one control-plane function of the stack (ADR 0004).
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const role = Object.values<any>(template.findResources('AWS::IAM::Role'))[0];
    expect(role.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['bedrock:GetAccountDataRetention', 'bedrock:PutAccountDataRetention'], Resource: '*' },
    ]);
    // The stack is not tagged unless asked (a stack tag reaches every resource in it): LandingZoneStackProtection.
    expect(stack.tags.tagValues()).toEqual({});
  });

  test('keeps the mode on delete by default', () => {
    const stack = stackIn('eu-central-1');
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.AWS_REVIEW });
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockDataRetention', { Mode: 'aws_review', OnDelete: 'RETAIN' });
  });

  test('a mode that is not a DataRetentionMode fails synth naming the value and the allowed ones', () => {
    const error = errorOf(() => new BedrockDataRetention(stackIn('eu-central-1'), 'Retention', { mode: 'zero' as any }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.DATA_RETENTION_PROPS);
    expect(error.message).toBe("BedrockDataRetention: mode is the string 'zero'; expected one of none, aws_review, default, provider_data_share, inherit (DataRetentionMode)");
  });

  test('two in the same account and region fail synth, naming both', () => {
    const app = new App();
    const env = { account: '111111111111', region: 'eu-central-1' };
    new BedrockDataRetention(new Stack(app, 'A', { env }), 'Retention', { mode: DataRetentionMode.NONE });
    new BedrockDataRetention(new Stack(app, 'B', { env }), 'Retention', { mode: DataRetentionMode.DEFAULT });
    new BedrockDataRetention(new Stack(app, 'C', { env: { ...env, region: 'eu-west-1' } }), 'Retention', { mode: DataRetentionMode.DEFAULT });
    expect(() => app.synth()).toThrow(/Data retention is one per account and region, but 2 constructs configure it for account 111111111111 region eu-central-1: A\/Retention, B\/Retention/);
  });

  test('passes the four cdk-nag packs with nothing to acknowledge', () => {
    const stack = stackIn('eu-central-1');
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE });
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements.filter(a => a.path.startsWith('Stack/Retention'))).toEqual([]);
  });
});

describe('governance profiles choose the mode', () => {
  test('regulated profiles keep nothing and allow at most AWS review; the baseline keeps each model\'s default', () => {
    for (const profile of [GovernanceProfile.HIPAA, GovernanceProfile.PCI_DSS, GovernanceProfile.FEDRAMP_MODERATE]) {
      expect([profile.dataRetention, profile.maximumDataRetention]).toEqual([DataRetentionMode.NONE, DataRetentionMode.AWS_REVIEW]);
    }
    const baseline = GovernanceProfile.BASELINE;
    expect([baseline.dataRetention, baseline.maximumDataRetention]).toEqual([DataRetentionMode.DEFAULT, undefined]);
    const combined = GovernanceProfile.combine([GovernanceProfile.BASELINE, GovernanceProfile.PCI_DSS]);
    expect([combined.dataRetention, combined.maximumDataRetention]).toEqual([DataRetentionMode.NONE, DataRetentionMode.AWS_REVIEW]);
  });

  test('a profile of one\'s own with only a maximum sets no more than that maximum', () => {
    expect(GovernanceProfile.of('zdr', { maximumDataRetention: DataRetentionMode.NONE }).dataRetention).toBe(DataRetentionMode.NONE);
    expect(GovernanceProfile.of('open', { maximumDataRetention: DataRetentionMode.PROVIDER_DATA_SHARE }).dataRetention).toBe(DataRetentionMode.DEFAULT);
  });

  test('a profile of one\'s own cannot set more than its own maximum, nor a maximum of inherit', () => {
    const error = errorOf(() => GovernanceProfile.of('mine', {
      dataRetention: DataRetentionMode.PROVIDER_DATA_SHARE, maximumDataRetention: DataRetentionMode.DEFAULT,
    }));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.GOVERNANCE_PROFILE_SETTINGS);
    expect(error.message).toBe("GovernanceProfile 'mine': dataRetention 'provider_data_share' keeps more than maximumDataRetention 'default' allows");
    expect(errorOf(() => GovernanceProfile.of('mine', { maximumDataRetention: DataRetentionMode.INHERIT })).message).toBe(
      "GovernanceProfile 'mine': maximumDataRetention is inherit, which says nothing about what is kept: give none, aws_review, default or provider_data_share");
  });
});

describe('the landing zone sets the mode', () => {
  function landingZone(
    profiles: GovernanceProfile[], approvedModels = [ApprovedModel.throughGeography(SONNET_45)], dataRetention?: (s: Stack) => BedrockDataRetention,
  ) {
    const stack = stackIn('eu-central-1');
    const lz = new BedrockLandingZone(stack, 'Lz', { profiles, approvedModels, dataRetention: dataRetention?.(stack), spend: { existingBudgetName: 'bedrock-account' } });
    return { stack, lz };
  }
  const modeIn = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('Custom::BedrockDataRetention')).map(r => r.Properties.Mode);

  test('under HIPAA: none; under the baseline: default; retained on delete', () => {
    const { stack } = landingZone([GovernanceProfile.BASELINE, GovernanceProfile.HIPAA]);
    expect(modeIn(stack)).toEqual(['none']);
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockDataRetention', { OnDelete: 'RETAIN' });
    expect(modeIn(landingZone([GovernanceProfile.BASELINE]).stack)).toEqual(['default']);
  });

  test('an approved model that requires more raises the mode, within the profile\'s maximum', () => {
    const models = [
      ApprovedModel.throughGeography(SONNET_45).requiringDataRetention(DataRetentionMode.AWS_REVIEW), ApprovedModel.inRegion(TITAN_EMBED_V2),
    ];
    expect(modeIn(landingZone([GovernanceProfile.PCI_DSS], models).stack)).toEqual(['aws_review']);
  });

  test('an approved model that requires a mode the profile forbids fails synth, naming the model, the mode and the profile', () => {
    const models = [ApprovedModel.throughGeography(SONNET_45).requiringDataRetention(DataRetentionMode.PROVIDER_DATA_SHARE)];
    const error = errorOf(() => landingZone([GovernanceProfile.BASELINE, GovernanceProfile.HIPAA], models));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.LANDING_ZONE_DATA_RETENTION);
    expect(error.message).toBe(`BedrockLandingZone: approvedModels: ${SONNET_45} (through the geography's profile) requires data retention ` +
      "'provider_data_share', but profile baseline+hipaa allows at most 'aws_review': remove the model from this landing zone's list, or govern it " +
      'under a profile that allows that mode');
    // Without a maximum (the baseline), the mode follows the model.
    expect(modeIn(landingZone([GovernanceProfile.BASELINE], models).stack)).toEqual(['provider_data_share']);
  });

  test('a setting of one\'s own is used, and must meet the profile and the models', () => {
    const own = landingZone([GovernanceProfile.HIPAA], undefined, s => new BedrockDataRetention(s, 'Mine', { mode: DataRetentionMode.NONE }));
    expect(own.lz.dataRetention.node.path).toBe('Stack/Mine');
    expect(modeIn(own.stack)).toEqual(['none']);
    expect(errorOf(() => landingZone([GovernanceProfile.HIPAA], undefined, s => new BedrockDataRetention(s, 'Mine', { mode: DataRetentionMode.DEFAULT }))).message)
      .toBe("BedrockLandingZone: dataRetention sets mode 'default', but profile hipaa allows at most 'aws_review'");
    const needy = [ApprovedModel.throughGeography(SONNET_45).requiringDataRetention(DataRetentionMode.DEFAULT)];
    expect(errorOf(() => landingZone([GovernanceProfile.BASELINE], needy, s => new BedrockDataRetention(s, 'Mine', { mode: DataRetentionMode.NONE }))).message)
      .toBe(`BedrockLandingZone: dataRetention sets mode 'none', but approved model ${SONNET_45} (through the geography's profile) requires 'default': its calls would fail`);
  });

  test('the application role is unaffected: the setting is the control plane\'s only', () => {
    const { stack } = landingZone([GovernanceProfile.HIPAA]);
    const text = JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));
    expect(text).not.toContain('DataRetention');
  });
});
