import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

/** What an input needs to be described: its hint and its error, in that order, read after the label. */
const describedBy = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

const HintAndError = ({ id, hint, error, errorLabel }: FieldProps & { errorLabel: string }) => (
  <>
    {hint && (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    {error && (
      <p class="field-error" id={`${id}-error`}>
        <span class="visually-hidden">{errorLabel}: </span>
        {error}
      </p>
    )}
  </>
);

/** A labelled input, the label above it, its hint and error under the label (GOV.UK's order). */
export const TextField = ({
  id,
  label,
  hint,
  error,
  errorLabel,
  value,
  onValue,
  type = 'text',
  autoComplete,
  inputMode,
  suggestions,
}: FieldProps & {
  errorLabel: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'tel' | 'date';
  autoComplete?: string;
  inputMode?: 'tel' | 'text';
  /** Values the browser offers while typing (a datalist); any other value may still be typed. */
  suggestions?: readonly string[];
}) => (
  <div class={error ? 'field field--error' : 'field'}>
    <label for={id}>{label}</label>
    <HintAndError id={id} label={label} hint={hint} error={error} errorLabel={errorLabel} />
    <input
      id={id}
      name={id}
      // Preact types each input type apart; these three all hold a text value.
      type={type as 'text'}
      value={value}
      autoComplete={autoComplete}
      inputMode={inputMode}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, hint, error)}
      list={suggestions && `${id}-suggestions`}
      onInput={(event) => onValue(event.currentTarget.value)}
    />
    {suggestions && (
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
    )}
  </div>
);

/** One checkbox with its label beside it and a large tap target. */
export const CheckboxField = ({
  id,
  label,
  hint,
  error,
  errorLabel,
  checked,
  onChecked,
}: FieldProps & { errorLabel: string; checked: boolean; onChecked: (checked: boolean) => void }) => (
  <div class={error ? 'field field--error' : 'field'}>
    <HintAndError id={id} label={label} hint={hint} error={error} errorLabel={errorLabel} />
    <div class="checkbox">
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChecked(event.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
    </div>
  </div>
);

/** Radio buttons in a fieldset whose legend is the question. */
export const RadioGroup = <T extends string>({
  id,
  legend,
  options,
  value,
  onValue,
}: {
  id: string;
  legend: string;
  options: readonly { value: T; label: string; lang?: string }[];
  value: T;
  onValue: (value: T) => void;
}) => (
  <fieldset class="field" id={id}>
    <legend>{legend}</legend>
    {options.map((option) => (
      <div class="radio" key={option.value}>
        <input
          id={`${id}-${option.value}`}
          type="radio"
          name={id}
          value={option.value}
          checked={value === option.value}
          onChange={() => onValue(option.value)}
        />
        <label for={`${id}-${option.value}`} lang={option.lang}>
          {option.label}
        </label>
      </div>
    ))}
  </fieldset>
);

/** A page's frame: the language switch above, the content in one `main`. */
export const Page = ({ header, children }: { header: ComponentChildren; children: ComponentChildren }) => (
  <>
    <header class="page-header">{header}</header>
    <main id="main" class="page">
      {children}
    </main>
  </>
);
