import type { PipelineNode } from "@orchc/compiler";
import { list, str, type Py } from "./python-source.js";
import { templatedCall } from "./templated-fields.js";

/** DAG-run callbacks that email through the SMTP provider's notifier (the email_* task arguments are deprecated). */
export function notificationCallbacks(pipeline: PipelineNode, smtpConnId: string, airflowVersion: 2 | 3): Array<[string, Py]> {
  const notifier = (to: ReadonlyArray<string>, outcome: string): Py =>
    list([
      // Addresses and subject are rendered by the notifier: escaped where they land.
      templatedCall(
        "SmtpNotifier",
        [
          ["to", list(to.map(str))],
          ["subject", str(`[orchc] ${pipeline.name} ${outcome}`)],
          ["smtp_conn_id", str(smtpConnId)],
        ],
        airflowVersion,
      ),
    ]);
  const callbacks: Array<[string, Py]> = [];
  if (pipeline.notify.onSuccess.length > 0) callbacks.push(["on_success_callback", notifier(pipeline.notify.onSuccess, "succeeded")]);
  if (pipeline.notify.onFailure.length > 0) callbacks.push(["on_failure_callback", notifier(pipeline.notify.onFailure, "failed")]);
  return callbacks;
}

export const usesNotifications = (pipeline: PipelineNode): boolean => pipeline.notify.onSuccess.length > 0 || pipeline.notify.onFailure.length > 0;
