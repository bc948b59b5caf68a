import type { LaunchMethod } from '../../../../common/contract';

/** What the launcher's status region says about the latest action. */
export type LaunchFeedback =
  | { kind: 'starting'; appId: string; appName: string }
  | { kind: 'started'; appId: string; appName: string; method: LaunchMethod }
  | { kind: 'no-client'; appId: string; appName: string; clientName: string; webAvailable: boolean }
  | { kind: 'failed'; appId: string; appName: string; message: string };

/** The sentence announced (politely) for a feedback state. */
export function describeFeedback(feedback: LaunchFeedback): string {
  switch (feedback.kind) {
    case 'starting':
      return `Starting ${feedback.appName}…`;
    case 'started':
      return feedback.method === 'web'
        ? `${feedback.appName} started in the light version`
        : `${feedback.appName} started`;
    case 'no-client':
      return `${feedback.clientName} isn't installed.`;
    case 'failed':
      return feedback.message;
  }
}
