import { App, Lazy, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockLandingZone } from '../../src';
import { isBedrockLandingZoneError } from '../../src/errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../src/errors/error-code';
import { Guardrail, GuardrailPreset } from '../../src/guardrails';
import { CrossRegionInferenceProfile, Geography, IGuardrailReference } from '../../src/models';
import { ACCOUNT, SONNET_45, stackIn } from '../models/fixtures';

/**
 * The guardrail requirement checks (src/core/guardrail-checks.ts) by the errors a developer gets at
 * synth: where a guardrail is given (an invoke grant's `requireGuardrail`) and where one is imported
 * (`Guardrail.fromGuardrailAttributes`). Bedrock rejects a guardrail of another region or
 * account at invocation, and a DRAFT or versioned ARN in the grant's condition never matches: each is
 * an error naming the prop, the value and what is allowed; every rejected case has an accepted one.
 */

const REGION = 'eu-central-1';
const OTHER_ACCOUNT = '222222222222';
const arnOf = (region: string, account: string, id = 'gr123') => `arn:aws:bedrock:${region}:${account}:guardrail/${id}`;
const ALLOWED_ARN = 'allowed: arn:<partition>:bedrock:<region>:<account>:guardrail/<id>';
const ALLOWED_VERSION = 'allowed: a numeric version 1 to 99999999 (not DRAFT)';

/** The problems of the library's error the call throws, or [] when it does not throw. */
function problemsOf(call: () => unknown, code: BedrockLandingZoneErrorCode): string[] {
  try {
    call();
  } catch (e) {
    if (!isBedrockLandingZoneError(e)) throw e;
    expect(e.code).toBe(code);
    return e.problems;
  }
  return [];
}

/** A guardrail that is not a construct and was never checked on import: what a jsii caller may hand over. */
const plain = (guardrailArn: string, guardrailVersion = '3'): IGuardrailReference => ({ guardrailArn, guardrailVersion, applyStatements: () => [] });

/** The problems of an invoke grant on the EU profile that requires the guardrail, written in the stack. */
function grantProblems(stack: Stack, guardrail: IGuardrailReference): string[] {
  return problemsOf(() => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).invokeStatements(stack, { requireGuardrail: guardrail }),
    BedrockLandingZoneErrorCode.INVOKE_GRANT_OPTIONS);
}

const inRegion = (region: string) => `requireGuardrail.guardrailArn is in ${region}, but the stack region is ${REGION}; allowed: a guardrail in ${REGION}`;
const inAccount = (account: string) =>
  `requireGuardrail.guardrailArn is in account ${account}, but the stack account is ${ACCOUNT}; allowed: a guardrail of account ${ACCOUNT}`;

describe('a guardrail given by its ARN must be in the stack\'s region and account', () => {
  test('the stack\'s own region and account: accepted', () => {
    expect(grantProblems(stackIn(REGION), plain(arnOf(REGION, ACCOUNT)))).toEqual([]);
  });

  test('another region: rejected, naming both regions', () => {
    expect(grantProblems(stackIn(REGION), plain(arnOf('eu-west-1', ACCOUNT)))).toEqual([inRegion('eu-west-1')]);
  });

  test('another account: rejected, naming both accounts', () => {
    expect(grantProblems(stackIn(REGION), plain(arnOf(REGION, OTHER_ACCOUNT)))).toEqual([inAccount(OTHER_ACCOUNT)]);
  });

  test('another region and account: both problems, in one error with the exact message', () => {
    const stack = stackIn(REGION);
    expect(() => CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).invokeStatements(stack, { requireGuardrail: plain(arnOf('us-east-1', OTHER_ACCOUNT)) }))
      .toThrow(new RegExp(`^InvokeGrantOptions:\\n  - ${escape(inRegion('us-east-1'))}\\n  - ${escape(inAccount(OTHER_ACCOUNT))}$`));
  });

  test('an ARN not known at synth (a token) is not placed: accepted', () => {
    const arn = Lazy.string({ produce: () => arnOf('eu-west-1', OTHER_ACCOUNT) });
    expect(grantProblems(stackIn(REGION), plain(arn))).toEqual([]);
    // The same token through the import, which skips tokens too.
    const stack = stackIn(REGION);
    expect(grantProblems(stack, Guardrail.fromGuardrailAttributes(stack, 'Imported', { guardrailArn: arn, guardrailVersion: '3' }))).toEqual([]);
  });

  test('a stack whose region is not known at synth checks the account only; one whose account is not known checks the region only', () => {
    const regionless = new Stack(new App(), 'Regionless', { env: { account: ACCOUNT } });
    BedrockLandingZone.governRegion(regionless, REGION);
    expect(grantProblems(regionless, plain(arnOf('eu-west-1', ACCOUNT)))).toEqual([]);
    expect(grantProblems(regionless, plain(arnOf('eu-west-1', OTHER_ACCOUNT)))).toEqual([inAccount(OTHER_ACCOUNT)]);
    const accountless = new Stack(new App(), 'Accountless', { env: { region: REGION } });
    expect(grantProblems(accountless, plain(arnOf(REGION, OTHER_ACCOUNT)))).toEqual([]);
    expect(grantProblems(accountless, plain(arnOf('eu-west-1', OTHER_ACCOUNT)))).toEqual([inRegion('eu-west-1')]);
  });

  test('an ARN that is not a guardrail\'s is that one problem, not also a region or account problem', () => {
    const kb = `arn:aws:bedrock:eu-west-1:${OTHER_ACCOUNT}:knowledge-base/KB1`;
    expect(grantProblems(stackIn(REGION), plain(kb))).toEqual([`requireGuardrail.guardrailArn '${kb}' is not a guardrail ARN; ${ALLOWED_ARN}`]);
  });

  test('a version that is not a number is named with the prop of the grant', () => {
    expect(grantProblems(stackIn(REGION), plain(arnOf(REGION, ACCOUNT), 'DRAFT'))).toEqual([`requireGuardrail.guardrailVersion is 'DRAFT'; ${ALLOWED_VERSION}`]);
  });
});

describe('a guardrail that is a construct is placed by its stack', () => {
  const app = () => new App();
  const guardrailIn = (stack: Stack) => new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });

  test('in the grant\'s stack, or in another stack of the same region and account: accepted', () => {
    const a = app();
    const stack = new Stack(a, 'Grant', { env: { account: ACCOUNT, region: REGION } });
    expect(grantProblems(stack, guardrailIn(stack))).toEqual([]);
    expect(grantProblems(stack, guardrailIn(new Stack(a, 'Guardrails', { env: { account: ACCOUNT, region: REGION } })))).toEqual([]);
  });

  test('in a stack of another region or account: rejected', () => {
    const a = app();
    const stack = new Stack(a, 'Grant', { env: { account: ACCOUNT, region: REGION } });
    expect(grantProblems(stack, guardrailIn(new Stack(a, 'Ireland', { env: { account: ACCOUNT, region: 'eu-west-1' } })))).toEqual([inRegion('eu-west-1')]);
    expect(grantProblems(stack, guardrailIn(new Stack(a, 'Other', { env: { account: OTHER_ACCOUNT, region: REGION } })))).toEqual([inAccount(OTHER_ACCOUNT)]);
  });

  test('in a stack whose region and account are not known at synth: accepted (nothing to compare)', () => {
    const a = app();
    const stack = new Stack(a, 'Grant', { env: { account: ACCOUNT, region: REGION } });
    expect(grantProblems(stack, guardrailIn(new Stack(a, 'Agnostic')))).toEqual([]);
  });

  test('a construct whose ARN the library cannot read as a guardrail\'s is placed by its stack alone', () => {
    class Custom extends Construct implements IGuardrailReference {
      public readonly guardrailVersion = '1';
      constructor(scope: Construct, id: string, public readonly guardrailArn: string) { super(scope, id); }
      public applyStatements(): iam.PolicyStatement[] { return []; }
    }
    const stack = stackIn(REGION);
    expect(grantProblems(stack, new Custom(stack, 'Unreadable', 'not-an-arn'))).toEqual([]);
    expect(grantProblems(stack, new Custom(stack, 'KnowledgeBase', `arn:aws:bedrock:eu-west-1:${OTHER_ACCOUNT}:knowledge-base/KB1`))).toEqual([]);
  });
});

describe('a guardrail imported into the grant\'s stack is placed by its ARN', () => {
  const imported = (stack: Stack, guardrailArn: string) =>
    Guardrail.fromGuardrailAttributes(stack, `Imported${stack.node.children.length}`, { guardrailArn, guardrailVersion: '3' });

  test('an ARN of the stack\'s region and account: accepted', () => {
    const stack = stackIn(REGION);
    expect(grantProblems(stack, imported(stack, arnOf(REGION, ACCOUNT)))).toEqual([]);
  });

  test('an ARN of another region or account: rejected, once', () => {
    const stack = stackIn(REGION);
    expect(grantProblems(stack, imported(stack, arnOf('eu-west-1', ACCOUNT)))).toEqual([inRegion('eu-west-1')]);
    expect(grantProblems(stack, imported(stack, arnOf(REGION, OTHER_ACCOUNT)))).toEqual([inAccount(OTHER_ACCOUNT)]);
    expect(grantProblems(stack, imported(stack, arnOf('us-east-1', OTHER_ACCOUNT)))).toEqual([inRegion('us-east-1'), inAccount(OTHER_ACCOUNT)]);
  });

  test('imported into a stack of another region and account: the problem is said once, not once per check', () => {
    const a = new App();
    const stack = new Stack(a, 'Grant', { env: { account: ACCOUNT, region: REGION } });
    const elsewhere = new Stack(a, 'Elsewhere', { env: { account: OTHER_ACCOUNT, region: 'eu-west-1' } });
    expect(grantProblems(stack, imported(elsewhere, arnOf('eu-west-1', OTHER_ACCOUNT)))).toEqual([inRegion('eu-west-1'), inAccount(OTHER_ACCOUNT)]);
  });

  test('a stack whose region or account is not known at synth does not compare it', () => {
    const regionless = new Stack(new App(), 'Regionless', { env: { account: ACCOUNT } });
    BedrockLandingZone.governRegion(regionless, REGION);
    expect(grantProblems(regionless, imported(regionless, arnOf('eu-west-1', ACCOUNT)))).toEqual([]);
    expect(grantProblems(regionless, imported(regionless, arnOf('eu-west-1', OTHER_ACCOUNT)))).toEqual([inAccount(OTHER_ACCOUNT)]);
    const accountless = new Stack(new App(), 'Accountless', { env: { region: REGION } });
    expect(grantProblems(accountless, imported(accountless, arnOf(REGION, OTHER_ACCOUNT)))).toEqual([]);
    expect(grantProblems(accountless, imported(accountless, arnOf('eu-west-1', OTHER_ACCOUNT)))).toEqual([inRegion('eu-west-1')]);
  });
});

describe('the attributes of an imported guardrail: a guardrail ARN without a version, at a numeric version', () => {
  const attributeProblems = (guardrailArn: string, guardrailVersion = '3') =>
    problemsOf(() => Guardrail.fromGuardrailAttributes(stackIn(REGION), 'Imported', { guardrailArn, guardrailVersion }),
      BedrockLandingZoneErrorCode.GUARDRAIL_ATTRIBUTES);
  const notAGuardrail = (arn: string, hint = '') => `guardrailArn '${arn}' is not a guardrail ARN; ${ALLOWED_ARN}${hint}`;
  const notANumber = (version: string) => `guardrailVersion is '${version}'; ${ALLOWED_VERSION}`;

  test.each(['1', '10', '99999999'])('version %s: accepted', version => {
    expect(attributeProblems(arnOf(REGION, ACCOUNT), version)).toEqual([]);
  });

  test.each(['DRAFT', '0', '01', '123456789', '1a', 'a1', ''])('version \'%s\': rejected', version => {
    expect(attributeProblems(arnOf(REGION, ACCOUNT), version)).toEqual([notANumber(version)]);
  });

  test('a version not known at synth (a token) is not checked', () => {
    expect(attributeProblems(arnOf(REGION, ACCOUNT), Lazy.string({ produce: () => 'DRAFT' }))).toEqual([]);
  });

  test('the exact message names the call, the value and what is allowed', () => {
    expect(() => Guardrail.fromGuardrailAttributes(stackIn(REGION), 'Imported', { guardrailArn: arnOf(REGION, ACCOUNT), guardrailVersion: 'DRAFT' }))
      .toThrow(new RegExp(`^Guardrail\\.fromGuardrailAttributes: ${escape(notANumber('DRAFT'))}$`));
  });

  test('an ARN with the version on it: rejected, with the hint to give the version apart', () => {
    expect(attributeProblems(`${arnOf(REGION, ACCOUNT)}:3`)).toEqual([notAGuardrail(`${arnOf(REGION, ACCOUNT)}:3`, ' (without the version: give it as guardrailVersion)')]);
    expect(attributeProblems(`${arnOf(REGION, ACCOUNT)}:12`)).toEqual([notAGuardrail(`${arnOf(REGION, ACCOUNT)}:12`, ' (without the version: give it as guardrailVersion)')]);
  });

  test.each(['GR123', 'ABcd', 'abCD', 'gr_1'])('an id Bedrock cannot have (%s): rejected, with the hint on the id', id => {
    expect(attributeProblems(arnOf(REGION, ACCOUNT, id))).toEqual([notAGuardrail(arnOf(REGION, ACCOUNT, id), ' (the id is lowercase letters and digits)')]);
  });

  test('an ARN without a region, without an account, or of another resource type: rejected, without a hint', () => {
    for (const arn of [
      `arn:aws:bedrock::${ACCOUNT}:guardrail/gr123`,
      `arn:aws:bedrock:${REGION}::guardrail/gr123`,
      `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/KB1`,
      // Another resource type whose id a guardrail could have.
      `arn:aws:bedrock:${REGION}:${ACCOUNT}:knowledge-base/kb1`,
      `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/GR:x`,
      'not-an-arn',
    ]) {
      expect(attributeProblems(arn)).toEqual([notAGuardrail(arn)]);
    }
  });

  test('both wrong: both problems, the version first', () => {
    expect(attributeProblems('not-an-arn', 'DRAFT')).toEqual([notANumber('DRAFT'), notAGuardrail('not-an-arn')]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
