/**
 * What a Chrome trace says of the page's main thread: its longest task by the clock, and how much of that
 * task the thread itself ran (its CPU time). On a machine where the browser shares its cores with the
 * broker and the publisher, a task can last three times what it computes: the thread waits for a core.
 */
import type { Browser, Page } from '@playwright/test';

export interface MainThreadTasks {
  /** The longest task by the clock, and the CPU time of that same task. */
  longestWallMs: number;
  longestOwnCpuMs: number;
  /** The most CPU time any one task took. */
  mostCpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Traces the page's main thread while `work` runs. */
export async function traceMainThread(browser: Browser, page: Page, work: () => Promise<void>): Promise<MainThreadTasks> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let failure: unknown = null;
  await work().catch((error: unknown) => (failure = error ?? new Error('the traced work failed')));
  const trace = await browser.stopTracing();
  if (failure !== null) throw failure;
  return mainThreadTasks((JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents);
}

/** The renderer's main thread is the one that runs the page's scripts. */
export function mainThreadTasks(events: readonly TraceEvent[]): MainThreadTasks {
  const scripted = new Set(events.filter((event) => event.name === 'FunctionCall').map((event) => `${event.pid}/${event.tid}`));
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && scripted.has(`${event.pid}/${event.tid}`));
  const tasks = events.filter((event) => main && event.ph === 'X' && event.name === 'RunTask' && event.pid === main.pid && event.tid === main.tid);
  let longest: TraceEvent | null = null;
  let mostCpu = 0;
  for (const task of tasks) {
    if (!longest || (task.dur ?? 0) > (longest.dur ?? 0)) longest = task;
    mostCpu = Math.max(mostCpu, task.tdur ?? 0);
  }
  return { longestWallMs: (longest?.dur ?? 0) / 1000, longestOwnCpuMs: (longest?.tdur ?? 0) / 1000, mostCpuMs: mostCpu / 1000 };
}
