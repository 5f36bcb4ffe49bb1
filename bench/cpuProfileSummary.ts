import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/<package>` (scoped too), `node:<module>`, or the file, for grouping a frame by who owns it. */
export function moduleOf(url: string): string {
  if (!url) return '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\/.*?\/(dist|server|bench)\//, '$1/');
}

/** Self time by function and by module, the top `top` of each, as shares of the sampled time (idle excluded from the busy share). */
export function summariseProfile(path: string, top = 25): string {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  let idle = 0;
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const fn = `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const mod = frame.url ? moduleOf(frame.url) : frame.functionName;
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
  }
  const busy = total - idle;
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `  ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)
      .join('\n');
  return `busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled\nself time by module:\n${rows(byModule)}\nself time by function:\n${rows(byFunction)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(summariseProfile(process.argv[2]!));
