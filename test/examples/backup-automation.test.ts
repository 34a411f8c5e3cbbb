// Backup automation (seed 001, the Process Orchestrator): generation → transfer → notification,
// run for real with its own scripts. A run that fails at the transfer is resumed, as prorch resumes
// a pending pipeline: the finished step is kept, the rest runs. Also runs the committed runner file.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../examples.js";
import { exampleSpec, orchc, useScratch, withoutRetryDelays } from "./example-runs.js";

const example = EXAMPLES.find((candidate) => candidate.name === "examples/backup-automation")!;
const archivesIn = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((name) => /^backup-.*\.tar\.gz$/.test(name)) : []);

describe("backup-automation: generation → transfer → notification, resumable", () => {
  const scratch = useScratch("backup");
  let project = "";
  let home = "";

  beforeAll(async () => {
    project = scratch();
    home = join(project, "home");
    mkdirSync(home);
    cpSync(join(example.directory, "scripts"), join(project, "scripts"), { recursive: true });
    cpSync(join(example.directory, "data"), join(project, "data"), { recursive: true });
    cpSync(join(example.directory, "local"), join(project, "local"), { recursive: true });
    writeFileSync(join(project, "pipeline.json"), JSON.stringify(withoutRetryDelays(await exampleSpec(example.pipelineFile))));
  });

  it("the steps run in order; the archive ends in the vault (under ~), checked against its checksum", () => {
    const result = orchc(["run", "pipeline.json"], project, { HOME: home, NOTIFY_WEBHOOK: "" });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/^SUCCESS in \S+: 3 succeeded\.$/m);
    expect(archivesIn(join(home, "backups", "staging"))).toEqual([]);
    const [archive] = archivesIn(join(home, "backups", "vault"));
    expect(archive).toBeDefined();
    expect(result.output).toContain(`Backup complete: ${archive} is in secure storage`);
    const listing = spawnSync("tar", ["-tzf", join(home, "backups", "vault", archive!)], { encoding: "utf8" });
    expect(listing.stdout).toContain("./orders.csv");
  });

  it("a failed transfer fails the run (exit 2) and skips the notification; --resume keeps the generation and finishes", () => {
    const vault = join(project, "vault");
    writeFileSync(vault, "not a folder");
    const failed = orchc(["run", "pipeline.json", "--param", `vault=${vault}`], project, { HOME: home, NOTIFY_WEBHOOK: "" });
    expect(failed.status, failed.output).toBe(2);
    expect(failed.output).toContain("FAILED");
    expect(failed.output).toMatch(/start\s+backup_transfer \(attempt 4 of 4\)/);
    expect(failed.output).not.toContain("Backup complete");
    expect(archivesIn(join(home, "backups", "staging"))).toHaveLength(1);

    rmSync(vault);
    const resumed = orchc(["run", "pipeline.json", "--resume"], project, { HOME: home, NOTIFY_WEBHOOK: "" });
    expect(resumed.status, resumed.output).toBe(0);
    expect(resumed.output).not.toMatch(/start\s+backup_generation/);
    expect(resumed.output).toMatch(/start\s+backup_transfer/);
    expect(archivesIn(join(home, "backups", "staging"))).toEqual([]);
    expect(archivesIn(vault)).toHaveLength(1);
  });

  it("the committed runner file runs alone, with no orchc installed", () => {
    const freshHome = join(project, "home-standalone");
    mkdirSync(freshHome);
    const result = spawnSync(process.execPath, ["local/backup_automation.mjs"], { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", HOME: freshHome, NOTIFY_WEBHOOK: "" } });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(archivesIn(join(freshHome, "backups", "vault"))).toHaveLength(1);
  });
});
