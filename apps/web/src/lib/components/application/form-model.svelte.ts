import { applyRowOp, cloneValues, type ApplicationValues, type RowOp } from './application-form';

let nextKey = 0;

/**
 * The form's inputs as reactive state, started from what the page hands in (the saved draft, with a
 * refused step's inputs as posted). Team and milestone rows carry keys of their own, so a row keeps
 * its inputs (and focus) when another row is removed.
 */
export class ApplicationModel {
  values: ApplicationValues = $state() as ApplicationValues;
  teamKeys: number[] = $state([]);
  milestoneKeys: number[] = $state([]);

  constructor(initial: ApplicationValues) {
    this.values = cloneValues(initial);
    this.teamKeys = initial.team.map(() => nextKey++);
    this.milestoneKeys = initial.milestones.map(() => nextKey++);
  }

  apply(op: RowOp): void {
    const before = this.values;
    this.values = applyRowOp(before, op);
    const keys = op.kind === 'addMember' || op.kind === 'removeMember' ? 'teamKeys' : 'milestoneKeys';
    const list = [...this[keys]];
    if ('index' in op) list.splice(op.index, 1);
    else if (list.length < (keys === 'teamKeys' ? this.values.team.length : this.values.milestones.length)) list.push(nextKey++);
    this[keys] = list;
  }

  /** Exactly one lead: the radio buttons of the rows are one group. */
  setLead(index: number): void {
    this.values.team.forEach((m, i) => (m.lead = i === index));
  }
}
