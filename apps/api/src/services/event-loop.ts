/**
 * A turn of the event loop. Embedded PGlite answers in this thread and its promises settle as
 * microtasks, so work that goes from one statement to the next never lets the server read a request
 * until it is done; long work awaits this between its batches.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
