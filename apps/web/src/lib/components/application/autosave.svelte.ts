/**
 * Autosave of the form with JavaScript: a save is sent `delay` ms after the last change, one at a
 * time (a change made while one is on its way is sent after it), and can be flushed at once before
 * leaving the step. Its state is what the status line says.
 */
export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'error';

export type AutosaveResult = { ok: true; savedAt: string | null } | { ok: false; invalid: boolean; detail: string };

export class Autosave {
  state: AutosaveState = $state('idle');
  savedAt: string | null = $state(null);
  detail = $state('');

  #send: (opts: { keepalive: boolean }) => Promise<AutosaveResult>;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inflight: Promise<boolean> | null = null;
  #dirty = false;

  constructor(send: (opts: { keepalive: boolean }) => Promise<AutosaveResult>, savedAt: string | null, delay = 1500) {
    this.#send = send;
    this.#delay = delay;
    this.savedAt = savedAt;
  }

  /** Something changed: save a moment after the changes stop. */
  schedule(): void {
    this.#dirty = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delay);
    if (this.state !== 'saving') this.state = 'pending';
  }

  /** Changes not yet stored (waiting, on their way, or refused). */
  get unsaved(): boolean {
    return this.#dirty || this.#inflight !== null;
  }

  /** Saves now what is waiting (and what changes meanwhile); true when everything is stored. */
  async flush(opts: { keepalive?: boolean } = {}): Promise<boolean> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (;;) {
      while (this.#inflight) await this.#inflight;
      if (!this.#dirty) return this.state !== 'error' && this.state !== 'invalid';
      this.#dirty = false;
      this.state = 'saving';
      const run = this.#run(opts.keepalive ?? false);
      this.#inflight = run;
      let ok: boolean;
      try {
        ok = await run;
      } finally {
        this.#inflight = null;
      }
      if (!ok) return false;
    }
  }

  /** The page posts the step itself (its own button): nothing waiting needs sending; wait for what is on its way. */
  async settle(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#dirty = false;
    while (this.#inflight) await this.#inflight;
  }

  async #run(keepalive: boolean): Promise<boolean> {
    let result: AutosaveResult;
    try {
      result = await this.#send({ keepalive });
    } catch {
      result = { ok: false, invalid: false, detail: '' };
    }
    if (result.ok) {
      this.savedAt = result.savedAt ?? new Date().toISOString();
      // A change made while this save was on its way keeps the line at "pending".
      this.state = this.#dirty ? 'pending' : 'saved';
      return true;
    }
    // Refused or failed: the change still needs saving (a retry, or the next change, sends it again).
    this.#dirty = true;
    this.state = result.invalid ? 'invalid' : 'error';
    this.detail = result.detail;
    return false;
  }
}
