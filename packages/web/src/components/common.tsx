import type { ReactNode } from 'react';

const ANSWER_LABEL: Record<string, string> = {
  accepted: 'accepts',
  accepted_with_conditions: 'accepts with conditions',
  rejected: 'rejects',
  no_response: 'no response',
};

/** A predicted or observed answer as a coloured badge. */
export function AnswerBadge(props: { answer: string | null | undefined }) {
  if (!props.answer) return <span className="muted">–</span>;
  return <span className={`badge ${props.answer}`}>{ANSWER_LABEL[props.answer] ?? props.answer}</span>;
}

/** A number with a sign, to three decimals. */
export const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

/** Loading, error and empty states in one place. */
export function Status(props: { loading?: boolean; error?: string | null; children?: ReactNode }) {
  if (props.error)
    return (
      <p className="error" role="alert">
        {props.error}
      </p>
    );
  if (props.loading)
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  return <>{props.children}</>;
}

/** The scenario's levers as sliders, or nothing when it has none; `prefix` keeps ids unique per view. */
export function LeverControls(props: {
  levers: readonly { id: string; name: string; description: string; maxStrength: number }[];
  values: Record<string, number>;
  prefix: string;
  onChange: (values: Record<string, number>) => void;
}) {
  if (props.levers.length === 0) return null;
  return (
    <fieldset>
      <legend>Levers</legend>
      {props.levers.map((l) => (
        <LeverSlider
          key={l.id}
          id={`${props.prefix}-${l.id}`}
          name={l.name}
          description={l.description}
          max={l.maxStrength}
          value={props.values[l.id] ?? 0}
          onChange={(v) => props.onChange({ ...props.values, [l.id]: v })}
        />
      ))}
    </fieldset>
  );
}

/** A lever slider with its value. */
export function LeverSlider(props: {
  id: string;
  name: string;
  description: string;
  max: number;
  value: number;
  onChange: (v: number) => void;
}) {
  const inputId = `lever-${props.id}`;
  return (
    <div className="lever">
      <label htmlFor={inputId}>
        {props.name} <span className="value">×{props.value.toFixed(2)}</span>
      </label>
      <input
        id={inputId}
        type="range"
        min={0}
        max={props.max}
        step={props.max / 20}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        title={props.description}
      />
    </div>
  );
}
