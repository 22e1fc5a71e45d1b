import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import {
  CorpusFormatError,
  makeArticleId,
  normalizeArticleText,
  parseArticleMarkdown,
  parseCorpusFile,
  serializeArticleMarkdown,
  toCorpusFile,
} from '../../lib/corpus-format';
import type { Article } from '../../lib/types';

const md = (front: string, body = 'First paragraph.\n\nSecond paragraph.') =>
  `---\n${front}\n---\n\n${body}\n`;

function errorOf(fn: () => unknown): CorpusFormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CorpusFormatError) return e;
    throw e;
  }
  throw new Error('expected a CorpusFormatError');
}

describe('parseArticleMarkdown', () => {
  it('reads front matter and paragraphs', () => {
    const a = parseArticleMarkdown(
      md(
        'id: a-1\noutlet: The Times\ntitle: "Drones: a report"\npublished: 2025-02-18\nurl: https://x.test/a?b=1',
      ),
      'a.md',
    );
    expect(a).toMatchObject({
      id: 'a-1',
      outlet: 'The Times',
      title: 'Drones: a report',
      published: '2025-02-18',
      url: 'https://x.test/a?b=1',
      text: 'First paragraph.\n\nSecond paragraph.',
    });
  });

  it('joins hard-wrapped lines, accepts CRLF and a BOM, and collapses blank-line runs', () => {
    const src = '\uFEFF---\r\nid: x\r\noutlet: O\r\ntitle: T\r\n---\r\nOne\r\nline.\r\n\r\n\r\n\r\nTwo.\r\n';
    expect(parseArticleMarkdown(src, 'x.md').text).toBe('One line.\n\nTwo.');
  });

  it('ends the front matter only at a line of its own, and keeps a --- rule in the body', () => {
    const a = parseArticleMarkdown(
      md('id: x\noutlet: O\ntitle: Ends with ---', 'One.\n\n---\n\nTwo.'),
      'x.md',
    );
    expect(a.title).toBe('Ends with ---');
    expect(a.text).toBe('One.\n\n---\n\nTwo.');
  });

  it('accepts single-quoted values and keeps unknown keys as extras', () => {
    const a = parseArticleMarkdown(
      md("id: x\noutlet: 'It''s News'\ntitle: T\nvia: Someone"),
      'x.md',
    ) as Article & {
      via?: string;
    };
    expect(a.outlet).toBe("It's News");
    expect(a.via).toBe('Someone');
  });

  it('makes an id from outlet and title when it is missing', () => {
    const a = parseArticleMarkdown(
      md('outlet: The New York Times\ntitle: CIA expands secret drone flights'),
      'x.md',
    );
    expect(a.id).toBe(makeArticleId('The New York Times', 'CIA expands secret drone flights'));
  });

  it('names the file and the field when a required field is missing', () => {
    const e = errorOf(() => parseArticleMarkdown(md('id: x\ntitle: T'), 'dir/broken.md'));
    expect(e.where).toBe('dir/broken.md');
    expect(e.field).toBe('outlet');
    expect(e.message).toContain('dir/broken.md');
    expect(e.message).toContain('"outlet"');
  });

  it('rejects a file without front matter', () => {
    const e = errorOf(() => parseArticleMarkdown('Just text.\n', 'plain.md'));
    expect(e.where).toBe('plain.md');
    expect(e.message).toMatch(/front matter/);
  });

  it('rejects an empty body, a bad date, a bad line, a duplicate key and a bad id', () => {
    expect(errorOf(() => parseArticleMarkdown(md('id: x\noutlet: O\ntitle: T', '  '), 'e.md')).field).toBe(
      'text',
    );
    expect(
      errorOf(() => parseArticleMarkdown(md('id: x\noutlet: O\ntitle: T\npublished: last week'), 'd.md'))
        .field,
    ).toBe('published');
    expect(
      errorOf(() => parseArticleMarkdown(md('id: x\noutlet: O\ntitle: T\njust words'), 'l.md')).message,
    ).toMatch(/line 5/);
    expect(
      errorOf(() => parseArticleMarkdown(md('id: x\noutlet: O\noutlet: P\ntitle: T'), 'k.md')).field,
    ).toBe('outlet');
    expect(errorOf(() => parseArticleMarkdown(md('id: has space\noutlet: O\ntitle: T'), 'i.md')).field).toBe(
      'id',
    );
    expect(
      errorOf(() => parseArticleMarkdown(md('id: x\noutlet: O\ntitle: "unterminated'), 'q.md')).field,
    ).toBe('title');
  });

  it('round-trips through serializeArticleMarkdown, quoting values that need it', () => {
    const article: Article = {
      id: 'r-1',
      outlet: 'Outlet: with colon',
      title: '"Quoted" title # hash',
      byline: '- dash first',
      published: '2025-02-18T10:00:00Z',
      url: 'https://example.test/a',
      seed: 's.txt',
      text: 'Para one has “curly quotes” and – dashes.\n\nPara two.',
    };
    const src = serializeArticleMarkdown(article);
    expect(src.startsWith('---\nid: r-1\noutlet: "Outlet: with colon"\n')).toBe(true);
    expect(parseArticleMarkdown(src, 'r.md')).toEqual(article);
  });
});

describe('makeArticleId', () => {
  it('is a stable slug from outlet and title', () => {
    expect(makeArticleId('The New York Times', 'CIA expands secret drone flights over Mexico')).toBe(
      'the-new-york-times-cia-expands-secret-drone-flights-over-mexico',
    );
    expect(makeArticleId('Le Monde', 'Élection présidentielle : le résultat')).toBe(
      'le-monde-election-presidentielle-le-resultat',
    );
    expect(makeArticleId('', '')).toBe('article');
    expect(makeArticleId('O', 'word '.repeat(50)).length).toBeLessThanOrEqual(80);
  });
});

describe('normalizeArticleText', () => {
  it('keeps paragraphs and drops stray whitespace', () => {
    expect(normalizeArticleText('  a\n b \n\n\n c  ')).toBe('a b\n\nc');
  });
});

describe('parseCorpusFile', () => {
  const good = { outlet: 'O', title: 'T', text: 'Body.' };

  it('keeps good items, reports bad ones by position and reason', () => {
    const { articles, errors } = parseCorpusFile({
      format: 'parallax-corpus',
      version: 1,
      articles: [
        { ...good, id: 'one', extra: { keep: true } },
        { outlet: 'O', text: 'no title' },
        'not an object',
        { ...good, title: '   ' },
        { ...good, id: 'two', published: '2025-02-18', byline: 'B', url: 'https://u.test' },
      ],
    });
    expect(articles.map((a) => a.id)).toEqual(['one', 'two']);
    expect((articles[0] as unknown as { extra: unknown }).extra).toEqual({ keep: true });
    expect(articles[1]).toMatchObject({ published: '2025-02-18', byline: 'B', url: 'https://u.test' });
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3]);
    expect(errors[0]!.reason).toMatch(/title/);
    expect(errors[2]!.reason).toMatch(/title/);
  });

  it('makes missing ids, de-duplicated, and rejects a repeated given id', () => {
    const { articles, errors } = parseCorpusFile({
      format: 'parallax-corpus',
      version: 1,
      articles: [good, good, { ...good, id: 'x' }, { ...good, id: 'x' }],
    });
    expect(articles.map((a) => a.id)).toEqual([makeArticleId('O', 'T'), `${makeArticleId('O', 'T')}-2`, 'x']);
    expect(errors).toEqual([{ index: 3, reason: 'duplicate id "x"' }]);
  });

  it('throws on a wrong envelope', () => {
    expect(() => parseCorpusFile([])).toThrow(CorpusFormatError);
    expect(() => parseCorpusFile({ format: 'other', version: 1, articles: [] })).toThrow(/format/);
    expect(() => parseCorpusFile({ format: 'parallax-corpus', version: 2, articles: [] })).toThrow(/version/);
    expect(() => parseCorpusFile({ format: 'parallax-corpus', version: 1 })).toThrow(/articles/);
  });

  it('round-trips with toCorpusFile, without the internal origin', () => {
    const articles: Article[] = [
      { id: 'a', outlet: 'O', title: 'T', text: 'One.\n\nTwo.', origin: 'user', seed: 's' },
      { id: 'b', outlet: 'P', title: 'U', text: 'Three.', published: '2024-01-01' },
    ];
    const file = toCorpusFile(articles);
    expect(file.format).toBe('parallax-corpus');
    expect(file.articles[0]).not.toHaveProperty('origin');
    const back = parseCorpusFile(JSON.parse(JSON.stringify(file)));
    expect(back.errors).toEqual([]);
    expect(back.articles).toEqual([
      { id: 'a', outlet: 'O', title: 'T', text: 'One.\n\nTwo.', seed: 's' },
      articles[1],
    ]);
  });
});

describe('corpus file fixtures', () => {
  const read = (name: string) => JSON.parse(readFileSync(`tests/fixtures/corpus/${name}`, 'utf8')) as unknown;

  it('reference.corpus.json holds exactly the reference/ articles', () => {
    const { articles, errors } = parseCorpusFile(read('reference.corpus.json'));
    expect(errors).toEqual([]);
    const files = readdirSync('reference').filter((f) => f.endsWith('.md'));
    const fromMd = files.map((f) => parseArticleMarkdown(readFileSync(`reference/${f}`, 'utf8'), f));
    const byId = (a: Article, b: Article) => a.id.localeCompare(b.id);
    expect([...articles].sort(byId)).toEqual([...fromMd].sort(byId));
  });

  it('mixed.corpus.json keeps the good items and reports the bad ones', () => {
    const { articles, errors } = parseCorpusFile(read('mixed.corpus.json'));
    expect(articles.map((a) => a.id)).toEqual([
      makeArticleId('Example Gazette', 'Council votes to expand bus network'),
      'harbour-2',
    ]);
    expect((articles[0] as unknown as { note: string }).note).toBe('extra fields are kept');
    expect(errors.map((e) => e.index)).toEqual([1, 2]);
    expect(errors[0]!.reason).toMatch(/title/);
    expect(errors[1]!.reason).toMatch(/outlet/);
  });
});
