/**
 * Whether the account and region run an AWS Config configuration recorder, which the Config rules of
 * the detective controls need and which this library never creates (AWS Control Tower creates one in
 * every governed region; a recorder of the library's own would fight it, as only one is allowed).
 */
export class ConfigRecorder {
  /** A recorder runs (Control Tower's, or one you set up) and records the Bedrock and AgentCore types */
  public static readonly EXISTING = new ConfigRecorder('EXISTING');

  /** No recorder runs: creating an AWS Config rule would fail the deployment, so none is created */
  public static readonly NONE = new ConfigRecorder('NONE');

  /** @param name the choice, as error messages name it */
  private constructor(public readonly name: string) {}

  /** The choice, as error messages name it */
  public toString(): string {
    return `ConfigRecorder.${this.name}`;
  }
}
