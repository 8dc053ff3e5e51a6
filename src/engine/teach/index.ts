/** Teaching and design tools on the engine: lessons, before/after diffs, ghost pods, exposure, fixes. */

export * from './diff.ts';
export * from './endpoints.ts';
export * from './exposure.ts';
export * from './fix/candidates.ts';
export * from './fix/documents.ts';
export * from './fix/proposeFixes.ts';
export * from './ghosts.ts';
export * from './goals.ts';
export * from './labelEditsToManifests.ts';
export * from './lesson.ts';
