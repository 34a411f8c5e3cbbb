const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private " +
    "protected public static yield await async of type undefined NaN Infinity")
    .split(" "),
);

/** Hands out JavaScript names derived from ids (`load_orders` → `loadOrders`), never a keyword and never twice. */
export class VariableNames {
  readonly #taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.#taken = new Set(taken);
  }

  nameFor(id: string, suffix = "Task"): string {
    const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let base = words.map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join("");
    if (base === "" || /^[0-9]/.test(base)) base = `_${base}`;
    if (RESERVED.has(base)) base = `${base}${suffix}`;
    let name = base;
    for (let counter = 2; this.#taken.has(name); counter++) name = `${base}${counter}`;
    this.#taken.add(name);
    return name;
  }
}
