// A one-line progress bar on stderr, only when stderr is a terminal and the run is
// long enough to deserve one. Piped or redirected output stays clean.
export class Progress {
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    stream: NodeJS.WriteStream = process.stderr,
    private readonly out = stream,
  ) {
    this.enabled = !!stream.isTTY && total >= 50 && !process.env.CI;
  }

  tick(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 80 && done < this.total) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} files`);
  }

  done(): void {
    if (this.enabled) this.out.write('\r\x1b[K');
  }
}
