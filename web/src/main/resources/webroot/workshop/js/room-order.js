// The order of the roster's rows. Sorting by a live value (loss, steps) would move rows under
// the pointer, so the order is held while the pointer or the keyboard is in the table, and
// otherwise changes at most every few seconds; equal values keep the order people joined in.

/** Keys sorted by value(entry) (null last either way), ties in join order (entry.joinIndex). */
export function sortedKeys(entries, value, descending) {
  return [...entries]
    .sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null && y === null) return a.joinIndex - b.joinIndex;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return (descending ? -c : c) || a.joinIndex - b.joinIndex;
    })
    .map((e) => e.key);
}

/**
 * The order to show: `wanted` when not held; when held, `current` as it is (without who left),
 * and newcomers after it in their wanted order, so nobody's row moves.
 */
export function heldOrder(current, wanted, held) {
  if (!held) return wanted;
  const present = new Set(wanted);
  const kept = current.filter((k) => present.has(k));
  const known = new Set(kept);
  return [...kept, ...wanted.filter((k) => !known.has(k))];
}

const STATUS_ORDER = { diverged: 0, stuck: 1, running: 2, idle: 3, stopped: 4, gone: 5 };
const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/** What a column sorts an entry by: a number, a name in lower case, or null (no value). */
export function sortValue(entry, key) {
  switch (key) {
    case 'loss':
      return finite(entry.loss) ? entry.loss : null;
    case 'steps':
      return entry.step;
    case 'lr':
      return finite(entry.lr) ? entry.lr : null;
    case 'status':
      return STATUS_ORDER[entry.shownStatus] ?? 9;
    default:
      return entry.name.toLocaleLowerCase();
  }
}
