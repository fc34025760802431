export * from './channels';
export * from './config';
export * from './detect';
export * from './detection';
export * from './facts';
export * from './finding';
export * from './projection';
export * from './state';
