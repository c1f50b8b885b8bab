import { ApprovedModel } from './approved-model';
import { ModelLimits } from '../monitoring/model-limits';

/**
 * The levels declared for one of the landing zone's approved models: its tokens-per-minute quota in
 * this account and region, and the token burn per period you expect. The model's alarms fire above
 * a share of the quota and above the burn level.
 */
export interface ApprovedModelLimits extends ModelLimits {
  /** The approved model, the same object as in `approvedModels` */
  readonly model: ApprovedModel;
}
