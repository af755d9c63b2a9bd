/**
 * Turns a failed local-cluster action into what happened and what to do next. The core's message says what
 * happened; the hint depends on the action and the error code, so the user is never left with a bare code.
 */
import type { CoreError } from '../../lib/core-error.js';
import type { BrokerAction } from './types.js';

export interface ActionFailure {
  what: string;
  /** null when the core's message already says what to do. */
  next: string | null;
}

/** The core's messages often end with the fix ("...; stop the whole cluster instead"); then no second hint. */
const ADVICE = /\b(instead|run with|for now|first\b|try again|start it|stop it|choose|use a|free the)/i;

export type ClusterActionName = BrokerAction['kind'] | 'cluster-start' | 'cluster-stop';

const VERB: Record<ClusterActionName, string> = {
  stop: 'Stopping', kill: 'Killing', start: 'Starting', restart: 'Restarting', pause: 'Pausing', resume: 'Resuming',
  heal: 'Healing', slow: 'Slowing', isolate: 'Isolating', 'cluster-start': 'Starting the cluster', 'cluster-stop': 'Stopping the cluster',
};

export function describeFailure(action: ClusterActionName, nodeId: number | null, err: CoreError): ActionFailure {
  const subject = nodeId === null ? '' : ` broker ${nodeId}`;
  const what = `${VERB[action]}${subject} failed: ${err.message} (${err.code})`;
  let next: string | null;
  if (ADVICE.test(err.message)) next = null;
  else if (err.code === 'TP_VALIDATION') next = 'Correct the value and try again.';
  else if (err.code === 'TP_NOT_FOUND') next = 'Reload the status: the broker or cluster may have changed since the page loaded.';
  else if (err.code === 'TP_CONFLICT' || /already|not running|is running|stopped|killed/i.test(err.message)) {
    next = action === 'cluster-start' ? 'Stop the running cluster first, or reload the status.'
      : 'Reload the status to see the broker\'s current state, then pick an action that fits it.';
  } else if (err.code === 'TP_TIMEOUT') next = 'The cluster may still be settling: watch the timeline, then retry.';
  else if (action === 'cluster-start') next = 'Check that the ports and data folder are free (another Tidepool may be using them), then start again.';
  else next = 'Check the timeline for what the cluster did, reload the status, and retry.';
  return { what, next };
}
