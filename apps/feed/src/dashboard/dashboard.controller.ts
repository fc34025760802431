import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@parity/auth';
import { DASHBOARD_HTML } from './dashboard.page';
import { DASHBOARD_SCRIPT } from './dashboard.script';
import { DASHBOARD_CSS } from './dashboard.style';

// The page itself holds no data: it is the sign-in form and the script that calls the API.
const SECURITY_HEADERS = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/** The web dashboard: one page, a script and a style sheet, open like a login page; all data needs a credential. */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  // The same page under the paths alert notifications link to (a filtered list, one finding).
  @Get(['', 'findings', 'findings/:id'])
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', SECURITY_HEADERS)
  @Header('X-Frame-Options', 'DENY')
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('dashboard.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return DASHBOARD_SCRIPT;
  }

  @Get('dashboard.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  style(): string {
    return DASHBOARD_CSS;
  }
}
