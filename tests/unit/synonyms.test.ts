import { describe, expect, it } from 'vitest';
import { termKey } from '../../lib/align';
import { stem } from '../../lib/text';

const k = (w: string) => termKey(stem(w));

describe('alignment synonym keys', () => {
  it('keeps one meaning per word: "fired" is "sacked" and "dismissed", not "blaze"', () => {
    expect(k('fired')).toBe(k('sacked'));
    expect(k('dismissed')).toBe(k('sacked'));
    expect(k('fired')).not.toBe(k('blaze'));
    expect(k('dismissed')).not.toBe(k('rejected'));
  });
  it('reads "lower" as "cut", not as "fall", and "jail" as "prison"', () => {
    expect(k('lowered')).toBe(k('reduced'));
    expect(k('lowered')).not.toBe(k('fell'));
    expect(k('jailed')).toBe(k('imprisoned'));
    expect(k('jail')).toBe(k('prison'));
  });
  it('gives one key to every member of a merged group', () => {
    expect(k('unveiled')).toBe(k('revealed'));
    expect(k('revealed')).toBe(k('showed'));
    expect(k('spoke')).toBe(k('talked'));
  });
});
