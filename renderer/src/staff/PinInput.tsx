import type { Ref } from 'react';

/** A PIN as typed: hidden, digits on a touch keyboard, never offered by the browser's autofill. */
export function PinInput({
  value,
  onValue,
  ref,
  autoFocus,
  ...rest
}: {
  value: string;
  onValue: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  'data-autofocus'?: boolean;
}) {
  return (
    <input
      ref={ref}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      value={value}
      onChange={(e) => onValue(e.target.value)}
      autoFocus={autoFocus}
      {...rest}
    />
  );
}

/** For a person with no PIN yet: the PIN they type becomes theirs, so they type it twice. */
export function FirstPinFields({
  person,
  value,
  onValue,
}: {
  person: string;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <>
      <p className="hint">
        {person} has no personal PIN yet: the PIN typed here (6 to 12 digits) becomes theirs. Type it twice.
      </p>
      <label>
        PIN again
        <PinInput value={value} onValue={onValue} />
      </label>
    </>
  );
}
