import { copyText, fromCopyText } from './copy-text';

describe('COPY text format', () => {
  it('decodes what it encodes: backslashes, tabs, line breaks, quotes in JSON, non-ASCII', () => {
    for (const value of ['plain', 'a\\b', 'tab\there', 'line\nbreak\r', '{"q":"say \\"hi\\"","zł":"ą"}', '']) {
      expect(fromCopyText(copyText(value))).toBe(value);
    }
  });

  it('reads NULL and the escapes PostgreSQL writes', () => {
    expect(fromCopyText('\\N')).toBeNull();
    expect(fromCopyText('a\\bb\\fc\\vd\\x41\\101')).toBe('a\bb\fc\vdAA');
  });
});
