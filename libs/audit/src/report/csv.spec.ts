import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes fields with commas, quotes or line breaks, and leaves others bare', () => {
    const csv = toCsv(['a', 'b', 'c'], [{ a: 'plain', b: 'with, comma', c: 'say "hi"\nthere' }, { a: 1, b: null, c: { x: 1 } }]);
    expect(csv).toBe('a,b,c\r\nplain,"with, comma","say ""hi""\nthere"\r\n1,,"{""x"":1}"\r\n');
  });
});
