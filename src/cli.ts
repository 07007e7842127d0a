/**
 * The `bri-cbec` command line. Each subcommand lives in `src/cli/<name>.ts` and exports
 * `run(argv): Promise<number>` (the exit code) and a one-line `summary`.
 * Subcommands are imported only when used (`bri-cbec fit` does not load the panel builder);
 * the usage text loads them all for their summaries.
 */
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Subcommand name → loader of its module. */
export const commands: Record<string, () => Promise<Command>> = {
  panel: () => import("./cli/panel"),
  fit: () => import("./cli/fit"),
};

async function usage(): Promise<string> {
  const loaded = await Promise.all(Object.entries(commands).map(async ([name, load]) => [name, (await load()).summary] as const));
  const rows = loaded.map(([name, summary]) => `  ${name.padEnd(10)} ${summary}`);
  return ["usage: bri-cbec <command> [options]", "", "commands:", ...rows, "", "bri-cbec <command> --help for its options"].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write((await usage()) + "\n");
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`bri-cbec: unknown command '${name}'\n\n${await usage()}\n`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (err) {
    process.stderr.write(`bri-cbec ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
