/**
 * The Parallax command line: `analyze`, `compare`, `corpus`. Every failure ends here as one line on
 * standard error and exit code 2 (bad input) or 1 (a bug): never a stack trace.
 */
import { runAnalyze } from '../cli/analyze';
import { runCompare } from '../cli/compare';
import { runCorpus } from '../cli/corpus-convert';
import { InputError } from '../cli/input';
import { safeLine } from '../cli/terminal';
import { CorpusFormatError } from '../lib/corpus-format';

const HELP = `Parallax: compare a news article with other outlets' coverage and flag factual discrepancies.

usage:
  parallax analyze PAGE [--corpus DIR|FILE.json] [--json]   one page (.html, .txt, .md, or - for stdin)
  parallax compare PAIRS.jsonl                              sentence/passage pairs in bulk (- for stdin)
  parallax corpus ...                                       convert between a corpus folder and file

environment:
  PARALLAX_WORKERS=N   threads that embed sentences for compare and bulk embedding (1: none;
                       default: the cores, at most 4, on inputs large enough to pay for them)
`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  analyze: runAnalyze,
  compare: runCompare,
  corpus: runCorpus,
};

/** One line, with no control character that could drive the terminal. */
const oneLine = safeLine;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    process.stderr.write('parallax: no command given (analyze, compare or corpus; --help for more)\n');
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`parallax: unknown command "${oneLine(command)}" (analyze, compare or corpus)\n`);
    return 2;
  }
  try {
    return await run(args);
  } catch (err) {
    if (err instanceof InputError || err instanceof CorpusFormatError) {
      process.stderr.write(`parallax ${command}: ${oneLine(err.message)}\n`);
      return 2;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`parallax ${command}: internal error: ${oneLine(msg)}\n`);
    return 1;
  }
}

// A closed pipe (`parallax analyze x | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});
process.on('uncaughtException', (err) => {
  process.stderr.write(`parallax: internal error: ${oneLine(err.message)}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`parallax: internal error: ${oneLine(String(err))}\n`);
    process.exitCode = 1;
  },
);
