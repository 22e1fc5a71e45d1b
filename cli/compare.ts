// PLACEHOLDER (owned by the facts/discrepancies work): `compare PAIRS.jsonl`.
export async function runCompare(_args: string[]): Promise<number> {
  process.stderr.write('compare: not implemented yet\n');
  return 2;
}
