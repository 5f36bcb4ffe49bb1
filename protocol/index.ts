export * from './commands.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './office.ts';
export * from './views.ts';
export * from './sequence.ts';
export * from './appointments.ts';
export * from './health.ts';
