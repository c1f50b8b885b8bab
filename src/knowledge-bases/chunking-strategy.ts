import { aws_bedrock as bedrock } from 'aws-cdk-lib';

type Hierarchical = bedrock.CfnDataSource.HierarchicalChunkingConfigurationProperty;
type Semantic = bedrock.CfnDataSource.SemanticChunkingConfigurationProperty;

/**
 * Fixed-size chunking: chunks of about `maxTokens` tokens that overlap by a percentage.
 */
export interface FixedSizeChunkingProps {
  /** Maximum tokens per chunk: at least 1 */
  readonly maxTokens: number;
  /** Overlap between consecutive chunks, in percent: 1 to 99 */
  readonly overlapPercentage: number;
}

/**
 * Hierarchical chunking: large parent chunks for context, small child chunks for matching.
 */
export interface HierarchicalChunkingProps {
  /** Maximum tokens of a parent chunk: 1 to 8192 */
  readonly parentMaxTokens: number;
  /** Maximum tokens of a child chunk: 1 to 8192, at most `parentMaxTokens` */
  readonly childMaxTokens: number;
  /** Tokens of overlap between consecutive child chunks: at least 1 */
  readonly overlapTokens: number;
}

/**
 * Semantic chunking: chunks split where the meaning changes.
 */
export interface SemanticChunkingProps {
  /** Maximum tokens per chunk: at least 1 */
  readonly maxTokens: number;
  /** Sentences on each side of a sentence compared for similarity: 0 or 1 */
  readonly bufferSize: number;
  /** Dissimilarity percentile that starts a new chunk: 50 to 99 */
  readonly breakpointPercentileThreshold: number;
}

/**
 * How a data source splits documents into chunks before embedding them. The documented limits are
 * checked when the data source is created.
 */
export class ChunkingStrategy {
  /** Bedrock's default: fixed size, 300 tokens, 20% overlap. */
  public static readonly DEFAULT = ChunkingStrategy.fixedSize({ maxTokens: 300, overlapPercentage: 20 });

  /** No chunking: each file is one chunk (pre-split your documents). */
  public static readonly NONE = new ChunkingStrategy('NONE', {});

  /**
   * Fixed-size chunks.
   *
   * @param props maximum tokens and overlap percentage
   */
  public static fixedSize(props: FixedSizeChunkingProps): ChunkingStrategy {
    return new ChunkingStrategy('FIXED_SIZE', {
      fixedSizeChunkingConfiguration: { maxTokens: props.maxTokens, overlapPercentage: props.overlapPercentage },
    });
  }

  /**
   * Two levels of chunks: parents and children.
   *
   * @param props parent and child maximum tokens, overlap tokens
   */
  public static hierarchical(props: HierarchicalChunkingProps): ChunkingStrategy {
    return new ChunkingStrategy('HIERARCHICAL', {
      hierarchicalChunkingConfiguration: {
        levelConfigurations: [{ maxTokens: props.parentMaxTokens }, { maxTokens: props.childMaxTokens }],
        overlapTokens: props.overlapTokens,
      },
    });
  }

  /**
   * Chunks split by meaning.
   *
   * @param props maximum tokens, buffer size and breakpoint threshold
   */
  public static semantic(props: SemanticChunkingProps): ChunkingStrategy {
    return new ChunkingStrategy('SEMANTIC', {
      semanticChunkingConfiguration: {
        maxTokens: props.maxTokens,
        bufferSize: props.bufferSize,
        breakpointPercentileThreshold: props.breakpointPercentileThreshold,
      },
    });
  }

  /** `FIXED_SIZE`, `HIERARCHICAL`, `SEMANTIC` or `NONE` */
  public readonly strategy: string;
  private readonly details: Omit<bedrock.CfnDataSource.ChunkingConfigurationProperty, 'chunkingStrategy'>;

  private constructor(strategy: string, details: Omit<bedrock.CfnDataSource.ChunkingConfigurationProperty, 'chunkingStrategy'>) {
    this.strategy = strategy;
    this.details = details;
  }

  /** The data source's `ChunkingConfiguration`. */
  public toChunkingConfiguration(): bedrock.CfnDataSource.ChunkingConfigurationProperty {
    return { chunkingStrategy: this.strategy, ...this.details };
  }

  /** The problems with the sizes and overlaps, each naming the value and the allowed range. */
  public problems(): string[] {
    const out: string[] = [];
    const range = (what: string, value: number, min: number, max?: number) => {
      const ok = Number.isInteger(value) && value >= min && (max === undefined || value <= max);
      if (!ok) out.push(`${what} is ${value}; allowed: an integer ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}`);
    };
    const fixed = this.details.fixedSizeChunkingConfiguration as bedrock.CfnDataSource.FixedSizeChunkingConfigurationProperty | undefined;
    if (fixed) {
      range('fixed-size chunking maxTokens', fixed.maxTokens, 1);
      range('fixed-size chunking overlapPercentage', fixed.overlapPercentage, 1, 99);
    }
    const hierarchical = this.details.hierarchicalChunkingConfiguration as Hierarchical | undefined;
    if (hierarchical) {
      const [parent, child] = hierarchical.levelConfigurations as bedrock.CfnDataSource.HierarchicalChunkingLevelConfigurationProperty[];
      range('hierarchical chunking parentMaxTokens', parent.maxTokens, 1, 8192);
      range('hierarchical chunking childMaxTokens', child.maxTokens, 1, 8192);
      if (child.maxTokens > parent.maxTokens) {
        out.push(`hierarchical chunking childMaxTokens (${child.maxTokens}) is larger than parentMaxTokens (${parent.maxTokens}); ` +
          'a child chunk must fit in its parent');
      }
      range('hierarchical chunking overlapTokens', hierarchical.overlapTokens, 1);
    }
    const semantic = this.details.semanticChunkingConfiguration as Semantic | undefined;
    if (semantic) {
      range('semantic chunking maxTokens', semantic.maxTokens, 1);
      range('semantic chunking bufferSize', semantic.bufferSize, 0, 1);
      range('semantic chunking breakpointPercentileThreshold', semantic.breakpointPercentileThreshold, 50, 99);
    }
    return out;
  }
}
