/**
 * Kahn's algorithm with a min-heap on declaration index, so the order is stable: among tasks
 * that are ready, the one declared first comes first. Callers guarantee the graph is acyclic.
 */
export function topologicalOrder<T>(items: ReadonlyArray<T>, dependenciesOf: (item: T) => ReadonlyArray<number>): T[] {
  const waiting = new Array<number>(items.length).fill(0);
  const dependents: number[][] = items.map(() => []);
  items.forEach((item, index) => {
    for (const dep of dependenciesOf(item)) {
      waiting[index]!++;
      dependents[dep]!.push(index);
    }
  });
  const heap: number[] = [];
  const push = (value: number) => {
    heap.push(value);
    let child = heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (heap[parent]! <= value) break;
      heap[child] = heap[parent]!;
      child = parent;
    }
    heap[child] = value;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let parent = 0;
      for (;;) {
        let child = parent * 2 + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && heap[child + 1]! < heap[child]!) child++;
        if (heap[child]! >= last) break;
        heap[parent] = heap[child]!;
        parent = child;
      }
      heap[parent] = last;
    }
    return top;
  };
  waiting.forEach((count, index) => count === 0 && push(index));
  const order: T[] = [];
  while (heap.length > 0) {
    const index = pop();
    order.push(items[index]!);
    for (const dependent of dependents[index]!) if (--waiting[dependent]! === 0) push(dependent);
  }
  return order;
}
