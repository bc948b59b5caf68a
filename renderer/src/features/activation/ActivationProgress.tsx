const LABELS: Record<string, string> = {
  enroll: 'Add a device',
  backup_codes: 'Backup codes',
  security_questions: 'Security questions',
  change_password: 'New password',
};

/** The activation steps as a progress line ("Step 1 of 4"). */
export function ActivationProgress({ steps, current }: { steps: string[]; current: string }) {
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
