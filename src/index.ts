/**
 * `factorkit`: the React layer (provider, guard, hooks, routes) and the pre-built UI. Both indexes
 * name every export; this entry is their union (a name clash is a type error here).
 */
export * from './react/index.ts';
export * from './ui/index.ts';
