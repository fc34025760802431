import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';

// Jest loads global setup with Node's own require, without moduleNameMapper: map @parity/* here.
register({ baseUrl: resolve(__dirname, '../../..'), paths: { '@parity/*': ['libs/*/src'] } });
