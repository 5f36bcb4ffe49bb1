import { readFileSync } from 'node:fs';
import { moduleOf } from './cpuProfileSummary.ts';

/** The parts of a V8 sampling heap profile (what bench/allocProfile.mjs writes) this summary reads. */
interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated by function and by module (self: where the object was made), the top `top` of each, as shares of all sampled. */
export function summariseAllocations(path: string, top = 25): string {
  const root = (JSON.parse(readFileSync(path, 'utf8')) as { head: HeapNode }).head;
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  const visit = (n: HeapNode) => {
    const f = n.callFrame;
    const fn = `${f.functionName || '(anonymous)'} ${moduleOf(f.url)}:${f.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + n.selfSize);
    byModule.set(moduleOf(f.url), (byModule.get(moduleOf(f.url)) ?? 0) + n.selfSize);
    total += n.selfSize;
    n.children.forEach(visit);
  };
  visit(root);
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => `  ${((bytes / total) * 100).toFixed(1).padStart(5)} %  ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${name}`)
      .join('\n');
  return `allocated ${(total / 1e6).toFixed(1)} MB (sampled)\nby module:\n${rows(byModule)}\nby function:\n${rows(byFunction)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(summariseAllocations(process.argv[2]!));
