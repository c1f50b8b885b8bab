import { compactActions } from '../../catalogue/action-groups';
import { INFERENCE_DOORS, MODEL_IMPORT_ACTIONS, NON_MODEL_RESOURCES, doorsWith } from '../../catalogue/inference-doors';
import { openAiModelIds } from '../../openai-compatible/private/openai-model-ids';
import { onAnyResource, statementClass } from '../private/statement-record';

export const MODEL_STATEMENTS = statementClass({
  title: 'Approved models',
  summary: 'Only the models of the approved list run, on every door that can name one; what the list cannot name is denied.',
  statements: [
    /**
     * Every door that names its model as a resource: only the approved models. Prompt routers, marketplace
     * endpoints, system tools, async invocations and project-scoped (stateful) invocations are not on the
     * list, so they are denied: their model is not a resource the list can name.
     */
    {
      sid: 'DenyUnapprovedModels',
      denies: 'every door that names its model as a resource (`InvokeModel`, `InvokeModelWithResponseStream`, `CountTokens`, batch ' +
        '`CreateModelInvocationJob`, `CreateModelEvaluationJob`, `CreateEvaluationJob`, `CreateAdvancedPromptOptimizationJob`) and creating an ' +
        'application inference profile, on anything but the approved models and profiles, application inference profiles and provisioned models ' +
        '(and, with `allowModelCustomization`, custom and imported models)',
      why: 'the model ARN is the one thing IAM sees on these doors; application profiles and provisioned models pass because their underlying ' +
        'model is authorized in the same request, and an application profile can only be copied from an approved source. Prompt routers, ' +
        'marketplace endpoints, system tools, async and project-scoped invocations are not on the list: their model is not a resource the list ' +
        'can name, so they are denied',
      build: c => ({
        // An application inference profile copies its routes from its source (a resource of the request):
        // only an approved one, whether or not AWS checks the source again at invoke time.
        actions: compactActions([...doorsWith(d => d.modelFence === 'model-resource'), 'bedrock:CreateInferenceProfile']),
        notResources: [
          ...c.approvedArns(c.settings.props.approvedModels),
          // Account-owned routes: their underlying foundation model is checked in the same request.
          c.arn('*', '*', 'application-inference-profile/*'),
          c.arn('*', '*', 'provisioned-model/*'),
          // Custom and imported models exist only where customization is allowed.
          ...(c.settings.props.allowModelCustomization ? ['custom-model/*', 'custom-model-deployment/*', 'imported-model/*'].map(r => c.arn('*', '*', r)) : []),
          ...NON_MODEL_RESOURCES.map(r => c.arn('*', '*', r)),
        ],
      }),
    },

    {
      sid: 'DenyProvisionedThroughputForUnapprovedModels',
      denies: 'buying model units (`bedrock:CreateProvisionedModelThroughput`) for a foundation model that is not approved (custom models pass)',
      why: 'a reservation is a door too, and a commitment costs money',
      build: c => ({
        actions: ['bedrock:CreateProvisionedModelThroughput'],
        notResources: [...c.approvedFoundationModelArns(), c.arn('*', '*', 'custom-model/*')],
      }),
    },

    /**
     * The OpenAI-compatible endpoint (bedrock-mantle) and Amazon Nova Act are not covered by model
     * invocation logging and have no documented guardrail enforcement: every profile requires both, so
     * their inference is denied whatever model it names, unless the organization governs the
     * OpenAI-compatible endpoint (then Nova Act alone).
     */
    {
      sid: 'DenyUngovernedInference',
      appliesWhen: 'always (without the OpenAI-compatible endpoint\'s doors under `allowOpenAiCompatibleEndpoint`)',
      denies: '`bedrock-mantle:CreateInference` and `CountTokens`, whatever the model (unless `allowOpenAiCompatibleEndpoint`), and the whole of ' +
        'Amazon Nova Act (`nova-act:*`) and Claude Platform on AWS (`aws-external-anthropic:*`)',
      why: 'the OpenAI-compatible endpoint is not covered by model invocation logging ("only supported for calls made through the bedrock-runtime ' +
        'endpoint") and has no documented guardrail enforcement, Nova Act runs a model of its own that the approved list cannot name, and Claude ' +
        'Platform on AWS runs the same models as Bedrock with none of its logging, guardrails or residency; every profile requires logging and guardrails',
      build: c => ({
        // An ungoverned service is denied whole (its other APIs only prepare what its doors run).
        actions: [
          ...doorsWith(d => !c.settings.openAiGoverned && d.modelFence === 'model-key'),
          ...new Set(INFERENCE_DOORS.filter(d => d.modelFence === 'ungoverned').map(d => `${d.action.split(':')[0]}:*`)),
        ],
        resources: ['*'],
      }),
    },

    /**
     * On the OpenAI-compatible endpoint the model is a condition key, not a resource: only the approved
     * model IDs (and their profiles' IDs) pass.
     */
    {
      sid: 'DenyUnapprovedModelsOnOpenAiEndpoint',
      appliesWhen: 'with `allowOpenAiCompatibleEndpoint: true`',
      denies: 'OpenAI-compatible inference and token counting whose `bedrock-mantle:Model` is not an approved model\'s ID (a geography-routed ' +
        'model by its profile ID, `eu.<id>`; an in-region one by its ID)',
      why: 'the model is a condition key there, not a resource: a request that names no model, or a spelling the list does not hold, is denied',
      applies: s => s.openAiGoverned,
      build: c => onAnyResource(
        doorsWith(d => d.modelFence === 'model-key'),
        { StringNotEquals: { 'bedrock-mantle:Model': openAiModelIds(c.settings.props.approvedModels, c.settings.geographies) } },
      ),
    },

    {
      sid: 'DenyCustomizingUnapprovedModels',
      appliesWhen: 'with `allowModelCustomization: true` (in place of `DenyModelCustomizationAndImport`)',
      denies: 'customizing a foundation model that is not approved (custom models may be customized further)',
      why: 'a fine-tune of an unapproved model would be invoked through a custom-model ARN the list cannot name',
      applies: s => s.props.allowModelCustomization === true,
      build: c => ({
        actions: ['bedrock:CreateModelCustomizationJob'],
        notResources: [...c.approvedFoundationModelArns(), c.arn('*', '*', 'custom-model/*')],
      }),
    },

    {
      sid: 'DenyModelCustomizationAndImport',
      denies: 'customization, Custom Model Import, model copy, custom models and deployments, marketplace endpoints, fine-tuning on the ' +
        'OpenAI-compatible endpoint',
      why: 'imported weights and fine-tunes are invoked through ARNs (`imported-model/`, `custom-model-deployment/`, marketplace) the approved ' +
        'list cannot name',
      liftedBy: { allowModelCustomization: true },
      build: () => onAnyResource(compactActions(MODEL_IMPORT_ACTIONS)),
    },
  ],
});
