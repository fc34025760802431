import { badRequest } from './api-error';

/** The part of Express's request the check reads (the project has no @types/express). */
interface Request {
  readonly url: string;
}

/**
 * Express middleware: a query string that is not percent-encoded UTF-8 is refused with 400
 * `invalid-query-encoding`, naming the parameter, as a path is with `invalid-path-encoding`.
 * Express's parser would turn an encoded surrogate (`%ED%A0%80`) or a cut escape (`%E0%A4%A`) into
 * U+FFFD or keep it as sent, and the route would answer for a value nobody sent.
 */
export function strictQueryEncoding(request: Request, _response: unknown, next: (error?: unknown) => void): void {
  const start = request.url.indexOf('?');
  const query = start < 0 ? '' : request.url.slice(start + 1);
  for (const part of query.split('&')) {
    if (part === '' || decoded(part) !== undefined) continue;
    const name = part.split('=', 1)[0]!;
    next(badRequest('invalid-query-encoding', `${decoded(name) ?? name.slice(0, 100)}: ${JSON.stringify(part.slice(0, 100))} is not percent-encoded UTF-8; send text as UTF-8, escape % as %25`));
    return;
  }
  next();
}

/** A query string's part as text (+ is a space), or undefined when its escapes are no UTF-8. */
function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
