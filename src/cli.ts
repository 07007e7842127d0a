/**
 * The `bri-cbec` command line. Each subcommand lives in `src/cli/<name>.ts` and exports
 * `run(argv): Promise<number>` (the exit code) and a one-line `summary`.
 */
import * as panel from "./cli/panel";
import * as fit from "./cli/fit";

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const commands: Record<string, Command> = { panel, fit };

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ["usage: bri-cbec <command> [options]", "", "commands:", ...rows, "", "bri-cbec <command> --help for its options"].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`bri-cbec: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    process.stderr.write(`bri-cbec ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
