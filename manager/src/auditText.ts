import { officeSections } from '../../protocol/admin.ts';

/** Words for the audit log: which catalogue key names an action, and the sections an office change touched. */

const knownActions = ['office:update', 'office:import', 'user:add', 'user:update', 'desk:take-over', 'faq:add', 'faq:update', 'faq:remove', 'catalogue:update', 'webhook:add', 'webhook:update', 'webhook:remove', 'webhook:secret'] as const;

/** The catalogue key of an action ("audit.actions.user-add"), or null for an action this page does not know. */
export function actionKey(action: string): string | null {
  if (action === 'desk:take-over') return 'audit.takeOver';
  return (knownActions as readonly string[]).includes(action) ? `audit.actions.${action.replace(':', '-')}` : null;
}

const deviceVerbs = ['add', 'pair', 'unpair', 'remove'] as const;

/** A device action in words ("Schermo «Sala A» abbinato"): the catalogue key and its params, or null for another action. */
export function deviceActionParts(action: string, target: string, detail: unknown): { key: string; kindKey: string; profile: string | null; name: string } | null {
  const verb = action.startsWith('device:') ? action.slice('device:'.length) : '';
  if (!(deviceVerbs as readonly string[]).includes(verb)) return null;
  const d = detail && typeof detail === 'object' ? (detail as { kind?: unknown; profile?: unknown }) : {};
  const kind = typeof d.kind === 'string' && ['kiosk', 'display', 'feedback'].includes(d.kind) ? d.kind : 'other';
  return { key: `audit.device.${verb}`, kindKey: `audit.device.kinds.${kind}`, profile: typeof d.profile === 'string' ? d.profile : null, name: target };
}

/** Who made a change: a username, or the command line on the hub's machine (`cli`). */
export const isCommandLine = (actor: string) => actor === 'cli';

/** The sections named in an office change's target ("openingHours, closedDates"), each with its catalogue key when known. */
export function targetParts(action: string, target: string): { text: string; key: string | null }[] {
  if (!action.startsWith('office:')) return [{ text: target, key: null }];
  return target
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ text: s, key: (officeSections as readonly string[]).includes(s) ? `audit.sections.${s}` : null }));
}

/** What a user change did, from its detail ({ role?, disabled?, password? }), as catalogue keys with params. */
export function userChangeParts(detail: unknown): { key: string; params: Record<string, string> }[] {
  if (!detail || typeof detail !== 'object') return [];
  const d = detail as { role?: unknown; disabled?: unknown; password?: unknown };
  const parts: { key: string; params: Record<string, string> }[] = [];
  if (typeof d.role === 'string') parts.push({ key: 'audit.change.role', params: { role: d.role } });
  if (d.disabled === true) parts.push({ key: 'audit.change.disabled', params: {} });
  if (d.disabled === false) parts.push({ key: 'audit.change.enabled', params: {} });
  if (d.password !== undefined) parts.push({ key: 'audit.change.password', params: {} });
  return parts;
}
