import path from 'node:path';
import { ReportInputError, readRunFolder } from '../io/report/run-folder.js';
import { isSweepFolder, readSweepFolder } from '../io/report/sweep-folder.js';
import { writeReport } from '../io/report/write-report.js';
import { OutputError } from '../io/trace/errors.js';
import { renderRunReport } from '../report/run-report.js';
import { renderSweepReport } from '../report/sweep-report.js';
import { EXIT, displayPath, type CommandContext } from './io.js';

/** The report page of a run or sweep folder: a sweep's when it holds sweep.csv, else a run's. */
export function reportHtml(dir: string): string {
  return isSweepFolder(dir) ? renderSweepReport(readSweepFolder(dir)) : renderRunReport(readRunFolder(dir));
}

/**
 * Writes DIR/report.html and names it (`say`, stdout by default); exit 2 (nothing written)
 * when DIR is not a run or sweep folder or cannot be written.
 */
export function writeFolderReport(dir: string, ctx: CommandContext, say: (text: string) => void = ctx.stdout): number {
  try {
    const file = writeReport(dir, reportHtml(dir), ctx.runTag);
    say(`wrote ${displayPath(ctx.cwd, file)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ReportInputError) return (ctx.stderr(`error: ${e.message}\n`), EXIT.usage);
    if (e instanceof OutputError) return (ctx.stderr(`error: ${e.message}\n`), EXIT.usage);
    const code = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : undefined;
    if (code !== undefined) return (ctx.stderr(`error: cannot read ${displayPath(ctx.cwd, dir)}: ${(e as Error).message}\n`), EXIT.usage);
    throw e;
  }
}

/** `podsim report DIR`. */
export function reportCommand(args: { readonly dir: string }, ctx: CommandContext): number {
  return writeFolderReport(path.resolve(ctx.cwd, args.dir), ctx);
}
