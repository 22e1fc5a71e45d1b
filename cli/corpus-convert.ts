// PLACEHOLDER (owned by corpus management, issue 4): `corpus` conversions between a corpus file and a folder.
export async function runCorpus(_args: string[]): Promise<number> {
  process.stderr.write('corpus: not implemented yet\n');
  return 2;
}
