import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

describe('project skeleton', () => {
  it('keeps TypeScript strict with unchecked index access', () => {
    const tsconfig = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    expect(tsconfig.compilerOptions.strict).toBe(true);
    expect(tsconfig.compilerOptions.noUncheckedIndexedAccess).toBe(true);
  });
});
