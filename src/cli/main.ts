import {
  type Analysis,
  analyze,
  type ClusterSettings,
  formatDiagnostic,
  type IpRange,
  parseCidr,
  parseIpv4,
} from '../engine/index.ts';
import { CONNLIST_FORMATS, type ConnlistFormat, runConnlistFormat } from './connlistFormats.ts';
import { runDiff } from './diff.ts';
import { runExplain } from './explain.ts';
import { runExposure } from './exposure.ts';
import { runFix } from './fix.ts';
import { runLessonCheck } from './lessonCheck.ts';
import { runLint } from './lint.ts';
import { loadSources } from './loadSources.ts';
import { parseArgs } from './options.ts';
import { Output, type Sink } from './output.ts';
import { runProbe } from './probe.ts';
import { runStats } from './stats.ts';
import { USAGE } from './usage.ts';

/** What a command prints and its exit status, so commands are testable without a process. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs the reachlab CLI with arguments (without `node` and the script name). */
export function runCli(argv: readonly string[], sink?: Sink): CommandResult {
  const out = new Output(sink);
  const args = parseArgs(argv);
  const { command, positional, json, settings, strict, values } = args;
  const withAnalysis = (paths: readonly string[], run: (analysis: Analysis) => CommandResult) =>
    analyzePaths(paths, settings, strict, run);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { stdout: USAGE, stderr: '', status: command === undefined ? 2 : 0 };
  }
  if (args.help) return { stdout: USAGE, stderr: '', status: 0 };
  if (args.error) return usageError(args.error);

  switch (command) {
    case 'connlist': {
      if (positional.length === 0) return usageError('connlist needs at least one FILE or DIR');
      const format = values['--format'] ?? (json ? 'json' : 'text');
      if (!(CONNLIST_FORMATS as readonly string[]).includes(format))
        return usageError(`--format takes one of ${CONNLIST_FORMATS.join(', ')}`);
      return withAnalysis(positional, (analysis) => {
        const result = runConnlistFormat(analysis, format as ConnlistFormat, out, args.allPairs);
        return { ...result, stdout: out.flush() };
      });
    }
    case 'lesson': {
      const [sub, lesson, ...paths] = positional;
      if (sub !== 'check' || !lesson) return usageError('lesson needs: check LESSON [FILE|DIR...]');
      return runLessonCheck(lesson, paths, json);
    }
    case 'diff': {
      const [before, after, extra] = positional;
      if (!before || !after || extra) return usageError('diff needs OLD NEW (two files or directories)');
      return runDiff(before, after, json);
    }
    case 'exposure':
      if (positional.length === 0) return usageError('exposure needs at least one FILE or DIR');
      return withAnalysis(positional, (analysis) => runExposure(analysis, values['--pod'], json));
    case 'fix': {
      const [from, to, ...paths] = positional;
      if (!from || !to || paths.length === 0)
        return usageError('fix needs FROM TO FILE|DIR... --want allowed|denied');
      const options = { want: values['--want'], port: values['--port'], output: values['--output'] };
      const { sources, errors } = loadSources(paths);
      if (sources.length === 0)
        return {
          stdout: '',
          stderr: `${[...errors, 'reachlab: no manifests to read'].join('\n')}\n`,
          status: 2,
        };
      const result = runFix(sources, from, to, options, json);
      return { ...result, stderr: errors.map((e) => `${e}\n`).join('') + result.stderr };
    }
    case 'stats':
      if (positional.length === 0) return usageError('stats needs at least one FILE or DIR');
      return withAnalysis(positional, runStats);
    case 'lint':
      if (positional.length === 0) return usageError('lint needs at least one FILE or DIR');
      return withAnalysis(positional, (analysis) => runLint(analysis, settings, json));
    case 'explain': {
      const [from, to, ...paths] = positional;
      if (!from || !to || paths.length === 0) return usageError('explain needs FROM TO FILE|DIR...');
      return withAnalysis(paths, (analysis) =>
        runExplain(analysis, endpointArg(from), endpointArg(to), json),
      );
    }
    case 'probe': {
      const [from, target, ...paths] = positional;
      if (!from || !target || paths.length === 0) return usageError('probe needs FROM TARGET FILE|DIR...');
      return withAnalysis(paths, (analysis) => runProbe(analysis, settings, from, target, json));
    }
    default:
      return usageError(`unknown command ${command}`);
  }
}

/** A workload id stays a string; an IPv4 address or CIDR becomes a range. */
export function endpointArg(text: string): string | IpRange {
  const address = parseIpv4(text);
  if (address !== undefined) return { start: address, end: address };
  const cidr = parseCidr(text);
  return cidr?.family === 4 ? cidr.range : text;
}

/**
 * Loads the paths and runs the one pipeline with the command's settings, then the command.
 * Diagnostics and notes go to stderr; exit 1 when input errors dropped objects, or, with
 * `--strict`, when some policy kind was not evaluated.
 */
function analyzePaths(
  paths: readonly string[],
  settings: ClusterSettings,
  strict: boolean,
  run: (analysis: Analysis) => CommandResult,
): CommandResult {
  const { sources, errors } = loadSources(paths);
  if (sources.length === 0)
    return { stdout: '', stderr: `${[...errors, 'reachlab: no manifests to read'].join('\n')}\n`, status: 2 };
  const analysis = analyze(sources, { settings });
  const diagnostics = analysis.model.diagnostics.map(formatDiagnostic);
  const notes = analysis.notes.map((note) => `note: ${note}`);
  const result = run(analysis);
  const dropped = errors.length > 0 || analysis.model.diagnostics.some((d) => d.dropsObject);
  const unevaluated = strict && analysis.model.unsupported.length > 0;
  const stderr = [...errors, ...diagnostics, ...notes].map((l) => `${l}\n`).join('') + result.stderr;
  return {
    stdout: result.stdout,
    stderr,
    status: result.status !== 0 ? result.status : dropped || unevaluated ? 1 : 0,
  };
}

function usageError(message: string): CommandResult {
  return { stdout: '', stderr: `reachlab: ${message}\nRun reachlab --help for usage.\n`, status: 2 };
}
