import { applyIndicatorOp, applyRowOp, type DraftValues, type IndicatorOp } from './draft-form';

let nextKey = 0;

/**
 * The editor's inputs as reactive state, started from what the page hands in (the saved draft, or
 * what was posted when the server refused it). Indicator rows carry keys of their own so that a
 * row keeps its inputs (and focus) when it moves.
 */
export class DraftModel {
  values: DraftValues = $state() as DraftValues;
  keys: number[] = $state([]);

  constructor(initial: DraftValues) {
    this.values = $state.snapshot(initial) as DraftValues;
    this.keys = initial.indicators.map(() => nextKey++);
  }

  apply(op: IndicatorOp): void {
    this.values.indicators = applyIndicatorOp($state.snapshot(this.values.indicators), op);
    this.keys = applyRowOp(this.keys, op, () => nextKey++);
  }
}
