import { useEffect, useRef, type ReactNode } from 'react';
import type { SignInStepName } from '../../../../common/contract';
import { ActivationProgress } from './ActivationProgress';
import './activation.css';

/**
 * The one card every activation screen sits in: the same width, the step
 * indicator on top, the heading (focused when `focusKey` changes, so a new
 * screen is announced), then the step. Steps put their actions in
 * `.dialog-actions` (primary at the right), so buttons sit in one place.
 */
export function ActivationCard(props: {
  steps: string[];
  current: SignInStepName;
  title: string;
  focusKey?: string;
  children: ReactNode;
  /** Shown below everything, e.g. the guide's green banner at the bottom of the window. */
  footer?: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [props.focusKey, props.title]);
  return (
    <main className="centered-page activation-page">
      <div className="card activation-card">
        <ActivationProgress steps={props.steps} current={props.current} />
        <h1 ref={headingRef} tabIndex={-1}>
          {props.title}
        </h1>
        {props.children}
        {props.footer}
      </div>
    </main>
  );
}
