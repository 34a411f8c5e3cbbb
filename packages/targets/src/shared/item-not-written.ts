import type { ItemRefNode } from "@orchc/compiler";

/**
 * A target that writes no for-each task refuses it in its capability check (`task.forEach`), and the
 * compiler refuses `item` outside one (ORC164), so reaching an item while writing is a bug.
 */
export function itemRefusedBeforeWriting(_item: ItemRefNode): never {
  throw new Error("internal: `item` reached a target that writes no for-each task");
}
