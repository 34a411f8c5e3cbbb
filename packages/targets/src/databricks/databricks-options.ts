import * as z from "zod";
import { databricksPresets, databricksTargetPermissions } from "./databricks-job-settings.js";

export const databricksOptions = z.strictObject({
  /** `bundle.name`; default: the first pipeline's id. */
  bundleName: z.string().min(1).optional(),
  /** Folder, under the output directory, for the job resources (databricks.yml stays at the root). */
  resourcesFolder: z.string().regex(/^[A-Za-z0-9_-]+$/, "a folder name").default("resources"),
  /** workspace.root_path of production targets (required by `mode: production`). */
  productionRootPath: z.string().default("/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}"),
});

export type DatabricksOptions = z.output<typeof databricksOptions>;

/** Environment-level `.databricks({...})` in `environments.<name>.overrides`: the bundle target's settings. */
export const databricksEnvironmentOverrides = z.strictObject({
  mode: z.enum(["development", "production"]).optional(),
  host: z.string().url().optional(),
  rootPath: z.string().optional(),
  presets: databricksPresets.optional(),
  targetPermissions: databricksTargetPermissions.optional(),
});

/** The keys of an environment's `.databricks({...})` that configure its bundle target, not its job. */
export const TARGET_SETTING_KEYS: ReadonlyArray<string> = Object.keys(databricksEnvironmentOverrides.shape);
