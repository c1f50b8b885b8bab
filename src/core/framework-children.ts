import { CfnResource, CustomResourceProvider, aws_lambda as lambda, aws_stepfunctions as sfn, custom_resources as cr } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail } from '../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * The one place where the library reaches into aws-cdk-lib where its public API has no way: the
 * providers' children (the IAM path of a CustomResourceProvider's role, the tag on its function, the
 * cdk-nag acknowledgements of the Provider framework's own functions and state machine), and the
 * rendering of one resource as its template will hold it, which the rule pack reads.
 *
 * Each child is found by the ID aws-cdk-lib 2.276 gives it and checked for its type: when an
 * upgrade renames or replaces one, synth fails here with what changed (and
 * test/core/framework-children.test.ts fails first), instead of a setting silently going missing.
 */

/** The CloudFormation role of a CustomResourceProvider (`AWS::IAM::Role`, child `Role`). */
export function customResourceProviderRole(provider: CustomResourceProvider): CfnResource {
  return cfnChild(provider, 'Role', 'AWS::IAM::Role');
}

/** The function of a CustomResourceProvider (`AWS::Lambda::Function`, child `Handler`). */
export function customResourceProviderFunction(provider: CustomResourceProvider): CfnResource {
  return cfnChild(provider, 'Handler', 'AWS::Lambda::Function');
}

/** The Provider framework's own functions: onEvent, isComplete and onTimeout (children `framework-*`). */
export function providerFrameworkFunctions(provider: cr.Provider): lambda.Function[] {
  return ['framework-onEvent', 'framework-isComplete', 'framework-onTimeout'].map(id => typedChild(provider, id, lambda.Function, 'lambda.Function'));
}

/** The Provider framework's waiter state machine (child `waiter-state-machine`), which has an isComplete handler. */
export function providerWaiterStateMachine(provider: cr.Provider): IConstruct {
  const waiter = child(provider, 'waiter-state-machine');
  const machine = waiter.node.findAll().find(c => c instanceof sfn.CfnStateMachine);
  if (!machine) changed(provider, 'waiter-state-machine', 'a construct holding an AWS::StepFunctions::StateMachine');
  return waiter;
}

function cfnChild(parent: IConstruct, id: string, resourceType: string): CfnResource {
  const found = child(parent, id);
  if (!(found instanceof CfnResource) || found.cfnResourceType !== resourceType) changed(parent, id, resourceType);
  return found;
}

function typedChild<T extends IConstruct>(parent: IConstruct, id: string, type: new (...args: never[]) => T, typeName: string): T {
  const found = child(parent, id);
  if (!(found instanceof type)) changed(parent, id, typeName);
  return found;
}

function child(parent: IConstruct, id: string): IConstruct {
  return parent.node.tryFindChild(id) ?? changed(parent, id, 'a child');
}

function changed(parent: IConstruct, id: string, expected: string): never {
  return fail(BedrockLandingZoneErrorCode.INTERNAL,
    `internal: aws-cdk-lib changed the children of ${parent.node.path}: expected ${expected} with ID '${id}'. ` +
    'cdk-bedrock-landing-zone supports aws-cdk-lib 2.276; report this with the aws-cdk-lib version in use.', parent);
}

/**
 * One resource as the template will hold it (`{ Resources: { <logicalId>: { Type, Properties, ... } } }`),
 * overrides and escape hatches applied, tokens still unresolved: the rule pack resolves it against the
 * stack. aws-cdk-lib has no public way to render a single resource during validation (cdk-nag reads
 * it the same way), so this calls the element's `_toCloudFormation`, checked to exist.
 */
export function renderedResourceTemplate(resource: CfnResource): any {
  const render = (resource as unknown as { _toCloudFormation?: () => unknown })._toCloudFormation;
  if (typeof render !== 'function') {
    return fail(BedrockLandingZoneErrorCode.INTERNAL,
      `internal: aws-cdk-lib no longer renders ${resource.node.path} through _toCloudFormation. ` +
      'cdk-bedrock-landing-zone supports aws-cdk-lib 2.276; report this with the aws-cdk-lib version in use.', resource);
  }
  return render.call(resource);
}
