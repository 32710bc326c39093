// A load asked for again while it runs (a socket frame arriving mid-read, say) does not start a
// second one alongside: the callers share the running promise, and the work runs once more after
// it, so that what prompted them is read too. Resolves with the last run's result.

export function coalescedLoad(work) {
  let running = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let result;
        do {
          again = false;
          result = await work();
        } while (again);
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
