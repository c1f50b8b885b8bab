import { aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import {
  AGENTCORE_CONTROL_ACTIONS, AGENTCORE_DATA_ACTIONS, AGENT_BUILDER_ACTIONS, CONTROL_PLANE_ACTIONS, Perimeter, agentCoreStatements,
  agentRuntimeStatements, anyBedrockActionStatements, managementStatements, openAiCompatibleStatements, runtimeStatements, s3VectorsStatements,
} from './endpoint-policies';
import { BedrockEndpointService } from '../bedrock-endpoint-service';
import { BedrockPrivateEndpointsProps } from '../bedrock-private-endpoints-props';

/** The statements of one endpoint's policy, by the kind of service it serves. */
export function policyOfService(scope: IConstruct, service: BedrockEndpointService, perimeter: Perimeter,
  props: BedrockPrivateEndpointsProps): iam.PolicyStatement[] {
  const permissive = props.allowAnyBedrockAction ?? false;
  switch (service._policyKind) {
    case 'runtime':
      return permissive ? anyBedrockActionStatements(perimeter) : runtimeStatements(scope, props.models ?? [], props.guardrails ?? [], perimeter);
    case 'agent-runtime':
      return permissive ? anyBedrockActionStatements(perimeter)
        : agentRuntimeStatements(props.knowledgeBaseArns ?? [], props.allowRetrieveAndGenerate ?? false, perimeter);
    case 's3vectors':
      return s3VectorsStatements(perimeter);
    case 'agentcore':
      return agentCoreStatements(scope, AGENTCORE_DATA_ACTIONS, true, perimeter);
    case 'agentcore-gateway':
      return agentCoreStatements(scope, ['bedrock-agentcore:InvokeGateway'], false, perimeter);
    case 'mantle':
      return openAiCompatibleStatements(scope, perimeter);
    case 'agentcore-control':
      return managementStatements(AGENTCORE_CONTROL_ACTIONS, perimeter);
    case 'management': {
      const defaults = service === BedrockEndpointService.AGENT ? AGENT_BUILDER_ACTIONS : CONTROL_PLANE_ACTIONS;
      return managementStatements([...defaults, ...(props.managementActions ?? [])], perimeter);
    }
  }
}
