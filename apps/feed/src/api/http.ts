/**
 * The parts of Express's request and response the feed uses. The project has no @types/express
 * (and adds no dependency for it): these say exactly what the shell relies on.
 */
export interface HttpRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly method: string;
  readonly path: string;
  readonly route?: { readonly path?: string };
  readonly secure: boolean;
  on(event: 'close', listener: () => void): void;
}

export interface CookieOptions {
  readonly httpOnly?: boolean;
  readonly sameSite?: 'strict' | 'lax';
  readonly secure?: boolean;
  readonly path?: string;
  readonly maxAge?: number;
}

export interface HttpResponse {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableLength: number;
  status(code: number): HttpResponse;
  set(headers: Record<string, string>): HttpResponse;
  json(body: unknown): void;
  flushHeaders(): void;
  write(chunk: string): boolean;
  end(): void;
  destroy(): void;
  cookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: CookieOptions): void;
  on(event: 'finish', listener: () => void): void;
}

export type NextFunction = () => void;
