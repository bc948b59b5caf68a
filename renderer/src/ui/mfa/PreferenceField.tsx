import { useId } from 'react';
import type { LoginPreference } from '../../../../common/contract';

/** *When I Log In*: ask (default) or send a push automatically. */
export function PreferenceField({ value, canPush, onChange }: { value: LoginPreference; canPush: boolean; onChange(value: LoginPreference): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>When I Log In</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value === 'push' ? 'push' : 'ask')}>
        <option value="ask">Ask me to choose an authentication method</option>
        <option value="push" disabled={!canPush}>
          Automatically send me a push
        </option>
      </select>
    </div>
  );
}
