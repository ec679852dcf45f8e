import { useEffect, useRef } from 'preact/hooks';

export interface FieldError {
  /** The id of the input the error is about: the summary links to it. */
  field: string;
  message: string;
}

/**
 * GOV.UK's error summary: at the top of the form, focused when it appears so a screen reader reads it, each error a
 * link to its field.
 */
export const ErrorSummary = ({ title, errors }: { title: string; errors: readonly FieldError[] }) => {
  const box = useRef<HTMLDivElement>(null);
  // Focused when the errors change, not on every render: typing a correction must not pull the focus away.
  const said = errors.map(({ field, message }) => `${field}: ${message}`).join('\n');
  useEffect(() => {
    if (said) box.current?.focus();
  }, [said]);
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={box}>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map(({ field, message }) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};
