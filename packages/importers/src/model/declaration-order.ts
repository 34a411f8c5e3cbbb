/**
 * The items ordered so each comes after what it depends on, keeping the input order where the
 * graph allows (so the file reads like the source). Returns one cycle instead when there is one.
 */
export function declarationOrder<T>(items: ReadonlyArray<T>, idOf: (item: T) => string, dependenciesOf: (item: T) => ReadonlyArray<string>): { order: T[] } | { cycle: string[] } {
  const byId = new Map(items.map((item) => [idOf(item), item]));
  const placed = new Set<string>();
  const order: T[] = [];
  while (order.length < items.length) {
    const next = items.find((item) => !placed.has(idOf(item)) && dependenciesOf(item).every((id) => placed.has(id) || !byId.has(id)));
    if (next === undefined) return { cycle: findCycle(items.filter((item) => !placed.has(idOf(item))), idOf, dependenciesOf, byId) };
    placed.add(idOf(next));
    order.push(next);
  }
  return { order };
}

function findCycle<T>(remaining: ReadonlyArray<T>, idOf: (item: T) => string, dependenciesOf: (item: T) => ReadonlyArray<string>, byId: ReadonlyMap<string, T>): string[] {
  // Every remaining item waits on another remaining one, so walking first dependencies must revisit an id.
  const path: string[] = [];
  let current = idOf(remaining[0]!);
  const left = new Set(remaining.map(idOf));
  while (!path.includes(current)) {
    path.push(current);
    current = dependenciesOf(byId.get(current)!).find((id) => left.has(id))!;
  }
  return [...path.slice(path.indexOf(current)), current];
}
