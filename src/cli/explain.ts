// `forwarder explain <event.json>`: the real pipeline on one event, nothing sent, and for each log what decided
// it (docs/explain.md). `--dry-run DIR` does the same for every sample event in a folder, to check a rule file
// against them. Exit codes: 0 done, 1 an input that cannot be used (an event that cannot be read, an invalid
// configuration or rule file), 2 misused (unknown option, missing file).
import { existsSync, statSync } from 'node:fs';
import { UsageError } from './args.js';
import type { Command, CommandContext } from './command.js';

export const EXPLAIN: Command = {
  name: 'explain',
  summary: 'Run the pipeline on an event without sending, and say for each log what decided it.',
  usage: '<event.json> [--env FILE] [--rules FILE] [--tags FILE] [--json] | --dry-run DIR [...]',
  description: `Runs the real pipeline (the forwarder's own forward(), with the configuration the --env file gives)
on the Lambda event in <event.json>, sends nothing, and prints for each log: its trigger and origin, its ddsource
and what set it (DD_SOURCE, a detection rule, the trigger, a routing rule, a resource tag), the filter verdict and
the pattern that decided it, each redaction that fired (which rule, how many hits), whether it became a metric, a
trace or a log, and the log as the intake would receive it. S3 objects come from <case>.objects.json beside the
event (fixtures/README.md); without --env, <case>.env.json beside it is the environment, if there is one.
--dry-run DIR explains every *.event.json under DIR (or every *.json in DIR) and prints one line per log.
docs/explain.md describes the --json format.`,
  positionals: 1,
  options: {
    env: {
      type: 'string',
      placeholder: 'FILE',
      help: "the forwarder's environment variables: a JSON object, or NAME=value lines",
    },
    rules: {
      type: 'string',
      placeholder: 'FILE',
      help: 'a routing rule file (docs/routing.md), as FORWARDER_ROUTING_RULES',
    },
    tags: {
      type: 'string',
      placeholder: 'FILE',
      help: 'resource tags by ARN, a JSON object {"<arn>": ["key:value", ...]} (default: no resource has tags)',
    },
    json: { type: 'boolean', help: 'print the stable machine format (docs/explain.md) instead of text' },
    'dry-run': {
      type: 'string',
      placeholder: 'DIR',
      help: 'explain every sample event under DIR instead of one event file',
    },
  },
  run: async (context) => {
    const { positionals, values } = context;
    const dryRun = values['dry-run'] as string | undefined;
    const eventFile = positionals[0];
    if (dryRun !== undefined && eventFile !== undefined) {
      throw new UsageError('give either an event file or --dry-run DIR, not both.');
    }
    if (dryRun === undefined && eventFile === undefined) {
      throw new UsageError('which event? Give the event file: forwarder explain <event.json>, or --dry-run DIR.');
    }
    for (const name of ['env', 'rules', 'tags'] as const) {
      const file = values[name] as string | undefined;
      if (file !== undefined && !isFile(file)) throw new UsageError(`--${name}: no file ${file}.`);
    }
    if (eventFile !== undefined && !isFile(eventFile)) throw new UsageError(`no event file ${eventFile}.`);
    if (dryRun !== undefined && !isDirectory(dryRun)) throw new UsageError(`--dry-run: no folder ${dryRun}.`);
    // Loaded only when it runs: the pipeline and its dependencies.
    const { runExplain } = await import('./explain-run.js');
    return runExplain(context as CommandContext, eventFile, dryRun);
  },
};

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function isDirectory(folder: string): boolean {
  return existsSync(folder) && statSync(folder).isDirectory();
}
