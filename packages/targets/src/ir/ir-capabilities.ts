import { FEATURES, SUPPORTED, type Capabilities } from "@orchc/compiler";

/** The IR target writes the IR itself, so it can say everything. */
export const irCapabilities: Capabilities = Object.fromEntries(FEATURES.map((feature) => [feature, SUPPORTED])) as Capabilities;
