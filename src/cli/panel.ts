/** `bri-cbec panel` — placeholder until its issue lands. */
export const summary = "(panel: not implemented yet)";
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write("bri-cbec panel: not implemented yet\n");
  return 1;
}
