// Types of doc-model.mjs, for the TypeScript test that imports it (test/unit/dsl/tsdoc.test.ts).
export declare const root: string;
export declare function buildDslDocModel(folder: string): string;
export declare function buildDocModel(options: { entry: string; folder: string }): string;
export declare function undocumentedItems(apiJson: string): { checked: number; offenders: string[] };
export declare function typeAliasProperties(alias: { readonly name: string; readonly fileUrlPath?: string }): Array<{ name: string; comment: string; documented: boolean }>;
