import type { SignInStepName } from '../../../../common/contract';
import './activation.css';

/** A label for every activation step of the contract, in the guide's words where it has them. */
const LABELS: Record<string, string> = {
  enroll: 'Add a device',
  mfa: 'Log On',
  security_questions: 'Security questions',
  backup_codes: 'Recovery methods',
  change_password: 'New password',
} satisfies Record<SignInStepName, string>;

/** The activation steps as a progress line ("Step 1 of 5"); `steps` come from the portal, `current` is this screen's step. */
export function ActivationProgress({ steps, current }: { steps: string[]; current: SignInStepName }) {
  if (steps.length === 0) return null;
  const index = Math.max(0, steps.indexOf(current));
  return (
    <nav aria-label="Account activation" className="activation-progress">
      <p className="muted">
        Step {index + 1} of {steps.length}
      </p>
      <ol>
        {steps.map((step, i) => (
          <li key={step} aria-current={i === index ? 'step' : undefined} className={i < index ? 'done' : i === index ? 'current' : ''}>
            {LABELS[step] ?? step.replace(/_/g, ' ')}
          </li>
        ))}
      </ol>
    </nav>
  );
}
