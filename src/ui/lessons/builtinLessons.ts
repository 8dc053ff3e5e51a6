const files = import.meta.glob('../../../lessons/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The lesson files bundled into the app, by file name (solutions included, for relative paths). */
export const LESSON_FILES: ReadonlyMap<string, string> = new Map(
  Object.entries(files).map(([path, text]) => [path.split('/').pop() ?? path, text]),
);

/** The built-in lessons in course order: `NN-name.yaml`, without the solutions. */
export const BUILTIN_LESSONS: { fileName: string; title: string }[] = [...LESSON_FILES.entries()]
  .filter(([name]) => !name.endsWith('.solution.yaml'))
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([fileName, text]) => ({ fileName, title: /^title:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? fileName }));

/** Reads a path next to a built-in lesson. */
export function readBuiltin(path: string): string | undefined {
  return LESSON_FILES.get(path.split('/').pop() ?? path);
}
