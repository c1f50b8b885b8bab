import { IConstruct } from 'constructs';
import { collectRoutes } from './private/collect-routes';
import { renderMermaid, renderTable } from './private/render';
import { ResidencyRoute } from './residency-route';

/**
 * Where data can go: for each account and region of an app, which principals can invoke which
 * models, through which profile, in which regions requests are processed, which guardrail and
 * endpoint they are held to, and where the invocations are logged.
 *
 * It is drawn from the same facts the IAM is built from: every invoke grant and access policy of
 * the library records the model, its options and the statements it writes, and the processing
 * regions are read from those statements; the principals are read from what the templates say
 * about who holds each policy. Permissions written by hand, or by other libraries, are not on the
 * map (the rule pack judges those).
 */
export class ResidencyMap {
  /**
   * The map of every grant and access policy the library wrote under `scope` (the app for all of
   * them, a stack for its own). Logging, landing zones and enforced guardrails are looked up in the
   * whole app, by account and region. Draw it after `app.synth()` to find principals of other
   * stacks: their references are resolved then.
   */
  public static of(scope: IConstruct): ResidencyMap {
    return new ResidencyMap(collectRoutes(scope));
  }

  /** A map of routes read back (for instance from the JSON a synth wrote next to the cloud assembly). */
  public static fromRoutes(routes: ResidencyRoute[]): ResidencyMap {
    return new ResidencyMap([...routes]);
  }

  /** One line per principal, model and route, sorted by account, region, principal and model */
  public readonly routes: ResidencyRoute[];

  private constructor(routes: ResidencyRoute[]) {
    this.routes = routes;
  }

  /** The map as a Mermaid flowchart: principals to models to the regions that process them, and where each account and region logs. */
  public toMermaid(): string {
    return renderMermaid(this.routes);
  }

  /** The map as a Markdown table a reviewer can check line by line. */
  public toMarkdownTable(): string {
    return renderTable(this.routes);
  }
}
