// When the language server dies, VS Code's client asks whether to start it again.
// Yes, up to a few times in a short window (a crash loop must not spin forever),
// and the user hears about it once per session, not at every restart.
export interface RestartDecision {
  restart: boolean;
  /** The first restart of the session: the moment to tell the user. */
  firstRestart: boolean;
  /** Crashes within the window, this one included. */
  recentCrashes: number;
}

export class RestartPolicy {
  private readonly crashes: number[] = [];
  private restarted = false;

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  onServerClosed(): RestartDecision {
    const now = this.now();
    while (this.crashes.length && now - this.crashes[0]! > this.windowMs) this.crashes.shift();
    this.crashes.push(now);
    if (this.crashes.length > this.maxRestarts) {
      return { restart: false, firstRestart: false, recentCrashes: this.crashes.length };
    }
    const firstRestart = !this.restarted;
    this.restarted = true;
    return { restart: true, firstRestart, recentCrashes: this.crashes.length };
  }

  /**
   * The user restarted the server by hand (after the policy gave up, or to try
   * again): earlier crashes no longer count against the next one. The user was told
   * already, so a later automatic restart still says nothing new.
   */
  onUserRestart(): void {
    this.crashes.length = 0;
  }
}
