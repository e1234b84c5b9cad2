/**
 * The demo challenge catalogue and its loader. Each challenge is created and moved by the services a
 * user calls — create, submit, return, update, approve, amend, cancel, accept the terms — each on its
 * own day in the past; passed deadlines are recorded by the same sweep the background loop runs, a
 * minute after each deadline. What follows publication (demo/applications.ts) merges its steps with
 * `demoChallengeSteps` into one `runTimeline` (demo/seed.ts), finding challenges by their `key`.
 */
import { CURRENT_CONFIDENTIALITY_TERMS_VERSION, type Actor } from '@challenge/domain';
import { acceptConfidentiality } from '../services/challenges/accept-confidentiality';
import { amendChallenge } from '../services/challenges/amend-challenge';
import { approveChallenge } from '../services/challenges/approve-challenge';
import { cancelChallenge } from '../services/challenges/cancel-challenge';
import { closeDueChallenges } from '../services/challenges/close-challenge';
import { createChallenge } from '../services/challenges/create-challenge';
import { returnChallenge } from '../services/challenges/return-challenge';
import { submitChallenge } from '../services/challenges/submit-challenge';
import { updateChallenge } from '../services/challenges/update-challenge';
import type { ServiceContext } from '../services/context';
import type { DemoChallenge, DemoOwnerKey, DemoStep } from './challenge-types';
import { EQUIPMENT_CHALLENGES } from './challenges-equipment';
import { METALLURGY_CHALLENGES } from './challenges-metallurgy';
import type { DemoSolverKey } from './organizations';
import { beijing, type TimedStep } from './timeline';

export type { DemoChallenge } from './challenge-types';

export const DEMO_CHALLENGES: readonly DemoChallenge[] = [...METALLURGY_CHALLENGES, ...EQUIPMENT_CHALLENGES];

export interface DemoChallengeActors {
  bureau: Actor;
  owners: Record<DemoOwnerKey, Actor>;
  solvers: Partial<Record<DemoSolverKey, Actor>>;
}

const DEADLINE_TIME = '17:00';
const SWEEP_DELAY_MS = 60 * 1000;

/**
 * A working-hours time for step `i` of challenge `n`, varied so the log does not show every action
 * at the same minute: between 09:00 and 17:00 Beijing time.
 */
function officeTime(n: number, i: number): string {
  const minutes = 9 * 60 + ((n * 47 + i * 131) % (8 * 60));
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The deadline the story ends with: the last extension's, or the one given at creation. */
function finalDeadlineInDays(c: DemoChallenge): number {
  const extensions = c.story.filter((s): s is Extract<DemoStep, { do: 'extend' }> => s.do === 'extend');
  return extensions.length > 0 ? extensions[extensions.length - 1]!.toDays : c.deadlineInDays;
}

/**
 * The steps that bring every challenge of `catalogue` to its state, each at its instant relative to
 * `anchor` (the load's "now"). `ids` is filled in as the challenges are created.
 */
export function demoChallengeSteps(anchor: Date, actors: DemoChallengeActors, ids: Map<string, string>, catalogue: readonly DemoChallenge[] = DEMO_CHALLENGES): TimedStep[] {
  const steps: TimedStep[] = [];
  const deadline = (days: number) => beijing(anchor, -days, DEADLINE_TIME);
  catalogue.forEach((c, n) => {
    const owner = actors.owners[c.owner];
    const idOf = () => {
      const id = ids.get(c.key);
      if (!id) throw new Error(`demo challenge ${c.key} was not created`);
      return id;
    };
    const runStep = (ctx: ServiceContext, step: DemoStep, id: string): Promise<unknown> => {
      switch (step.do) {
        case 'submit':
          return submitChallenge(ctx, owner, id);
        case 'return':
          return returnChallenge(ctx, actors.bureau, id, step.reasons);
        case 'update':
          return updateChallenge(ctx, owner, id, step.patch);
        case 'approve':
          return approveChallenge(ctx, actors.bureau, id, { specialFundFen: step.specialFundFen ?? c.input.requestedSpecialFundFen ?? 0, note: step.note });
        case 'clarify':
          return amendChallenge(ctx, step.by === 'owner' ? owner : actors.bureau, id, { kind: 'clarification', textZh: step.zh, textEn: step.en });
        case 'extend':
          return amendChallenge(ctx, actors.bureau, id, { kind: 'deadline_extension', textZh: step.zh, textEn: step.en, newDeadline: deadline(step.toDays) });
        case 'cancel':
          return cancelChallenge(ctx, step.by === 'owner' ? owner : actors.bureau, id, step.reason);
        case 'accept_terms': {
          const solver = actors.solvers[step.solver];
          if (!solver) throw new Error(`demo solver ${step.solver} is missing`);
          return acceptConfidentiality(ctx, solver, id, CURRENT_CONFIDENTIALITY_TERMS_VERSION);
        }
      }
    };
    let previous = -Infinity;
    const add = (day: number, i: number, label: string, run: TimedStep['run']) => {
      const at = beijing(anchor, day, officeTime(n, i));
      // A story out of order would run its steps in the wrong order once the timeline is sorted.
      if (day < 1 || at.getTime() <= previous) throw new Error(`demo challenge ${c.key}: step ${label} is not after the previous one, or not in the past`);
      previous = at.getTime();
      steps.push({ at, label: `${c.key} ${label}`, run });
    };

    add(c.createdDaysAgo, 0, 'create', async (ctx) => {
      const created = await createChallenge(ctx, owner, { ...c.input, deadline: deadline(c.deadlineInDays).toISOString() });
      ids.set(c.key, created.id);
    });
    c.story.forEach((step, i) => add(step.day, i + 1, step.do, (ctx) => runStep(ctx, step, idOf())));

    // The background loop records the close a minute after the deadline passes.
    const end = deadline(finalDeadlineInDays(c));
    if (end.getTime() < anchor.getTime()) {
      steps.push({ at: new Date(end.getTime() + SWEEP_DELAY_MS), label: `${c.key} deadline sweep`, run: (ctx) => closeDueChallenges(ctx) });
    }
  });
  return steps;
}
