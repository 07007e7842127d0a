/** `bri-cbec fit` — placeholder until its issue lands. */
export const summary = "(fit: not implemented yet)";
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write("bri-cbec fit: not implemented yet\n");
  return 1;
}
