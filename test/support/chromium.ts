import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';

/**
 * Headless Chromium driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: commands in on fd 3, replies and events out on
 * fd 4, each a JSON message ended by a NUL byte), so no WebSocket client and
 * no browser download: Debian's `chromium` package is the browser.
 */

/** The chromium binary ($CHROMIUM when set, else chromium on the PATH), or undefined when there is none. */
export function findChromium(): string | undefined {
  for (const bin of process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser']) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return bin;
  }
  return undefined;
}

/** What the browser saw of a page. */
export interface PageCheck {
  /** Each `figure[data-chart]`: its name, its marks drawn with a non-zero box, its own box. */
  readonly charts: readonly { readonly name: string; readonly marks: number; readonly width: number; readonly height: number }[];
  /** Console errors, uncaught exceptions, and log entries of level error. */
  readonly errors: readonly string[];
  /** Every URL the page asked for beyond the page itself. */
  readonly requests: readonly string[];
  /** The full-page screenshot (PNG). */
  readonly screenshot: Buffer;
}

interface Message {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

class Cdp {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private buffer = '';
  readonly listeners: ((m: Message) => void)[] = [];

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const m = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        if (m.id !== undefined) {
          const w = this.waiting.get(m.id);
          this.waiting.delete(m.id);
          if (m.error) w?.reject(new Error(m.error.message));
          else w?.resolve(m.result ?? {});
        } else for (const l of this.listeners) l(m);
      }
    });
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.next++;
    this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  event(method: string): Promise<Message> {
    return new Promise((resolve) => {
      const l = (m: Message): void => {
        if (m.method === method) {
          this.listeners.splice(this.listeners.indexOf(l), 1);
          resolve(m);
        }
      };
      this.listeners.push(l);
    });
  }
}

/** Counts, per chart, the marks (rect, path, line, polyline, polygon, circle under `.marks`) that render with a non-zero box. */
const CHART_PROBE = `JSON.stringify([...document.querySelectorAll('figure[data-chart]')].map((f) => {
  const box = f.getBoundingClientRect();
  const marks = [...f.querySelectorAll('.marks rect, .marks path, .marks polyline, .marks polygon, .marks circle, .marks line')]
    .filter((m) => { const b = m.getBBox(); const r = m.getBoundingClientRect(); return (b.width > 0 || b.height > 0) && r.width > 0 && r.height > 0; }).length;
  return { name: f.dataset.chart, marks, width: box.width, height: box.height };
}))`;

/** Opens `file` in headless Chromium, probes its charts, takes a full-page screenshot, and closes the browser. */
export async function checkPage(chromium: string, file: string, timeoutMs = 30_000): Promise<PageCheck> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-chromium-'));
  const child: ChildProcess = spawn(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--window-size=1000,900', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const cdp = new Cdp(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const url = pathToFileURL(file).href;
    const errors: string[] = [];
    const requests: string[] = [];
    cdp.listeners.push((m) => {
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
        errors.push(`console.${String(p.type)}: ${JSON.stringify((p.args as { value?: unknown }[]).map((a) => a.value))}`);
      } else if (m.method === 'Runtime.exceptionThrown') {
        errors.push(`exception: ${JSON.stringify((p.exceptionDetails as { text?: string })?.text)}`);
      } else if (m.method === 'Log.entryAdded') {
        const entry = p.entry as { level: string; text: string; url?: string };
        if (entry.level === 'error') errors.push(`log: ${entry.text} ${entry.url ?? ''}`.trim());
      } else if (m.method === 'Network.requestWillBeSent') {
        const u = (p.request as { url: string }).url;
        if (u !== url) requests.push(u);
      }
    });
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    for (const domain of ['Runtime', 'Log', 'Page', 'Network']) await cdp.send(`${domain}.enable`, {}, sessionId);
    const loaded = cdp.event('Page.loadEventFired');
    await cdp.send('Page.navigate', { url }, sessionId);
    await loaded;
    const probe = (await cdp.send('Runtime.evaluate', { expression: CHART_PROBE, returnByValue: true }, sessionId)) as { result: { value: string } };
    const shot = (await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId)) as { data: string };
    await cdp.send('Browser.close').catch(() => undefined);
    return { charts: JSON.parse(probe.result.value) as PageCheck['charts'], errors, requests, screenshot: Buffer.from(shot.data, 'base64') };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) await new Promise((resolve) => (child.once('exit', resolve), setTimeout(() => (child.kill('SIGKILL'), resolve(undefined)), 5000)));
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
