/**
 * Problems in words for the elements of the first screen (the status line, the notices). Most of the
 * words are about rare faults: they load with the first problem there is to show, not with the page, and
 * the element redraws once they are here (a few milliseconds; the problem is not shown before).
 */
import type { ReactiveControllerHost } from 'lit';
import type { Problem } from '../shared/problems';
import { msg } from '../i18n/words';

type Wording = (problem: Problem) => string;

let loaded: Wording | null = null;
let loading: Promise<Wording | null> | null = null;
/** The words could not be loaded (an update half-installed): each problem is named, with the advice to reload. */
let failed = false;

function load(): Promise<Wording | null> {
  loading ??= import('./problem-words').then(
    (module) => (loaded = module.problemWords),
    () => {
      failed = true;
      return null;
    },
  );
  return loading;
}

/** Right after the first screen: a problem that comes later (a broker that never answers) is worded at once. */
export function preloadProblemWords(): void {
  void load();
}

export class ProblemWordsLoader {
  constructor(private readonly _host: ReactiveControllerHost) {}

  /** The problem in words, or empty text while they load the first time. */
  readonly of = (problem: Problem): string => {
    if (loaded) return loaded(problem);
    if (failed) return msg('{0} (the details could not be loaded: reload the page)', problem.kind.replaceAll('-', ' '));
    void load().then(() => this._host.requestUpdate());
    return '';
  };
}
