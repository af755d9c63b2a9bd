/**
 * The sections of the workbench and their URL hashes. The current section lives in the hash
 * (`#/topics`) so reloads and links keep it; URLs are built only here.
 */
export const SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'brokers', label: 'Brokers' },
  { id: 'topics', label: 'Topics' },
  { id: 'groups', label: 'Consumer Groups' },
  { id: 'producer', label: 'Producer' },
  { id: 'local-cluster', label: 'Local Cluster' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];
export const DEFAULT_SECTION: SectionId = 'overview';

const IDS = new Set<string>(SECTIONS.map((s) => s.id));

export function isSectionId(s: string): s is SectionId {
  return IDS.has(s);
}

/** '#/topics' -> 'topics'; anything unknown or empty -> the default section. */
export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isSectionId(id) ? id : DEFAULT_SECTION;
}

export function sectionHash(id: SectionId): string {
  return `#/${id}`;
}

export function sectionLabel(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.label ?? id;
}

/** '#/groups/<id>': the Consumer Groups section opened on one group (other screens link here). */
export function groupHash(groupId: string): string {
  return `#/groups/${encodeURIComponent(groupId)}`;
}

/** The group named by a '#/groups/<id>' hash; null for any other hash or a malformed id. */
export function groupFromHash(hash: string): string | null {
  const m = /^#\/?groups\/([^?]+)/.exec(hash);
  if (m === null) return null;
  try { return decodeURIComponent(m[1]!) || null; } catch { return null; }
}
