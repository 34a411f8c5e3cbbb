import { cron, params, pipeline, runner, secrets, sh } from "orchc";

// Backup automation, the Process Orchestrator's example: generation → transfer to secure storage →
// notification. Each step is resumable: a run that failed at the transfer continues from there.
const p = params({
  source: { type: "string", default: "data", description: "Folder to back up" },
  staging: { type: "string", default: "~/backups/staging", description: "Where new archives wait for the transfer" },
  vault: { type: "string", default: "~/backups/vault", description: "Secure storage the archives are moved to" },
});
const s = secrets({ notifyWebhook: { description: "Webhook the completion message is posted to (empty: print only)" } });

const backup = pipeline("backup_automation", {
  description: "Backup generation, transfer to secure storage, notification of completion.",
  owner: "platform",
  tags: ["backup"],
  schedule: cron("0 3 * * *", { timezone: "UTC" }),
  maxConcurrentRuns: 1,
  params: p,
  secrets: s,
  // All three steps run on one host that holds the staging folder; on GitHub Actions that is a
  // self-hosted runner with this label.
  compute: { backupHost: runner(["self-hosted", "backup-host"]) },
  defaultCompute: "backupHost",
});

const generation = backup
  .task("backup_generation", sh`bash scripts/generate-backup.sh ${p.source} ${p.staging}`)
  .description("Archive the source folder into the staging area, with its checksum.")
  .timeout("30m");
const transfer = backup
  .task("backup_transfer", sh`bash scripts/transfer-backup.sh ${p.staging} ${p.vault}`)
  .description("Verify each staged archive and move it to secure storage.")
  .after(generation)
  .retries(3, { delay: "30s", backoff: "exponential", maxDelay: "5m" })
  .timeout("1h");
backup
  .task("process_completion_notification", sh`bash scripts/notify.sh ${p.vault}`)
  .description("Say that the backup is in the vault.")
  .after(transfer)
  .env({ NOTIFY_WEBHOOK: s.notifyWebhook })
  .retries(2, { delay: "10s" });

export default backup;
