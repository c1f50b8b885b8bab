/**
 * CloudTrail management events as EventBridge delivers them ("AWS API Call via CloudTrail"), shaped
 * after the AWS documentation: the envelope of the EventBridge User Guide ("AWS service events delivered
 * via AWS CloudTrail": version, id, detail-type, source `aws.<service>`, account, time, region,
 * resources, detail) and, as `detail`, a CloudTrail record with the fields of the CloudTrail User Guide
 * ("CloudTrail record contents for management events": eventVersion 1.09, userIdentity, eventTime,
 * eventSource, eventName, awsRegion, sourceIPAddress, userAgent, requestParameters,
 * responseElements, requestID, eventID, readOnly, eventType AwsApiCall, managementEvent,
 * recipientAccountId, eventCategory Management; errorCode and errorMessage on a denied call). Event
 * sources are the ones the services' CloudTrail pages name (`bedrock.amazonaws.com`,
 * `bedrock-mantle.amazonaws.com` per "Monitor bedrock-mantle API calls using CloudTrail").
 */
export const ACCOUNT = '111111111111';
export const REGION = 'eu-central-1';

export interface CallOptions {
  readonly requestParameters?: unknown;
  /** A call the organization policies denied */
  readonly denied?: boolean;
  readonly detailType?: string;
  readonly readOnly?: boolean;
  /** The caller, as CloudTrail's `userIdentity` element records it; default: an IAM Identity Center administrator */
  readonly userIdentity?: Record<string, unknown>;
}

export function cloudTrailEvent(eventSource: string, eventName: string, options: CallOptions = {}): Record<string, unknown> {
  const service = eventSource.replace('.amazonaws.com', '');
  return {
    'version': '0',
    'id': '36eb8523-97d0-4518-b33d-ee3579ff19f0',
    'detail-type': options.detailType ?? 'AWS API Call via CloudTrail',
    'source': `aws.${service}`,
    'account': ACCOUNT,
    'time': '2026-12-06T18:20:10Z',
    'region': REGION,
    'resources': [],
    'detail': {
      eventVersion: '1.09',
      userIdentity: options.userIdentity ?? {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEID:dev-session',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/dev@example.com`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAEXAMPLEKEY',
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: 'AROAEXAMPLEID',
            arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef`,
            accountId: ACCOUNT,
            userName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef',
          },
          attributes: { creationDate: '2026-12-06T18:01:02Z', mfaAuthenticated: 'false' },
        },
      },
      eventTime: '2026-12-06T18:20:09Z',
      eventSource,
      eventName,
      awsRegion: REGION,
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.1 os/linux',
      ...options.denied ? {
        errorCode: 'AccessDenied',
        errorMessage: `User: arn:aws:sts::${ACCOUNT}:assumed-role/... is not authorized to perform: ${service}:${eventName} with an explicit deny in a service control policy`,
      } : {},
      requestParameters: options.requestParameters ?? null,
      responseElements: null,
      requestID: 'f0c8a4a3-6c2d-4f57-9d1e-1b2f1a0d7e55',
      eventID: '2d1fe5b8-3d6b-4a61-8a6c-0f2f3f1c9d11',
      readOnly: options.readOnly ?? false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    },
  };
}
