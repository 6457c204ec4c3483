import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Runs a step-wise computation to its end, giving the event loop a turn
 * between steps: an import of a large file shares the process with the API,
 * the rollout worker and the sandbox, and must not stop them while it runs.
 */
export async function runInTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await nextTurn();
  }
}
