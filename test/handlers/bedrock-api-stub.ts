import * as http from 'http';
import { AddressInfo } from 'net';
import { BedrockClient } from '@aws-sdk/client-bedrock';

/**
 * A local stand-in for the two account settings of the Amazon Bedrock control-plane API the restore
 * touches, spoken over HTTP as the real SDK client speaks it (restJson1, the routes of
 * @aws-sdk/client-bedrock: GET/PUT/DELETE /logging/modelinvocations, GET/PUT /data-retention). It keeps
 * the settings as Bedrock would, records every request, and can refuse a call with a modelled error.
 */
export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

export class BedrockApiStub {
  public static async start(): Promise<BedrockApiStub> {
    const stub = new BedrockApiStub();
    await new Promise<void>(resolve => stub.server.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  /** The invocation logging configuration in place; undefined when none is */
  public loggingConfig?: Record<string, unknown>;
  /** The data retention mode in place */
  public dataRetentionMode = 'default';
  /** Every request received, in order */
  public readonly requests: StubRequest[] = [];
  /** `METHOD /path` -> the modelled error that call answers with */
  public readonly refusals = new Map<string, { type: string; status: number; message: string }>();

  private readonly server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => { raw += chunk; });
    req.on('end', () => this.answer(req.method ?? '', (req.url ?? '').split('?')[0], raw, res));
  });

  private constructor() {}

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A real SDK client pointed at the stub, with no retries of its own. */
  public client(): BedrockClient {
    return new BedrockClient({
      region: 'eu-central-1',
      endpoint: this.endpoint,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      maxAttempts: 1,
    });
  }

  /** The writes received (PUT and DELETE), as `METHOD /path` */
  public writes(): string[] {
    return this.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`);
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close(e => (e ? reject(e) : resolve())));
  }

  private answer(method: string, path: string, raw: string, res: http.ServerResponse): void {
    const body = raw === '' ? undefined : JSON.parse(raw);
    this.requests.push({ method, path, body });
    const refusal = this.refusals.get(`${method} ${path}`);
    if (refusal) {
      res.writeHead(refusal.status, { 'content-type': 'application/json', 'x-amzn-errortype': refusal.type });
      res.end(JSON.stringify({ message: refusal.message }));
      return;
    }
    const reply = (payload: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    switch (`${method} ${path}`) {
      case 'GET /logging/modelinvocations':
        return reply(this.loggingConfig ? { loggingConfig: this.loggingConfig } : {});
      case 'PUT /logging/modelinvocations':
        this.loggingConfig = (body as { loggingConfig: Record<string, unknown> }).loggingConfig;
        return reply({});
      case 'DELETE /logging/modelinvocations':
        this.loggingConfig = undefined;
        return reply({});
      case 'GET /data-retention':
        return reply({ mode: this.dataRetentionMode });
      case 'PUT /data-retention':
        this.dataRetentionMode = (body as { mode: string }).mode;
        return reply({});
      default:
        res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
        res.end(JSON.stringify({ message: `the stub does not serve ${method} ${path}` }));
    }
  }
}
