import { useState } from 'preact/hooks';
import type { ConsoleMessages } from '../messages';
import { nisOfTyped, OFFICIAL_MUNICIPALITIES } from '../municipality-choice';
import { navigate, pathOf } from '../router';

/** The coordinator picks a municipality by name to keep its corps or invite its officials. */
export const MunicipalitiesPage = ({ m }: { m: ConsoleMessages }) => {
  const [typed, setTyped] = useState('');
  const [unknown, setUnknown] = useState(false);
  const go = (to: (nis: string) => string) => {
    const nis = nisOfTyped(typed);
    setUnknown(!nis);
    if (nis) navigate(to(nis));
  };
  return (
    <section aria-labelledby="municipalities-title">
      <h1 id="municipalities-title">{m.municipalities}</h1>
      <div class={unknown ? 'field field--error' : 'field'}>
        <label for="municipality">{m.chooseMunicipality}</label>
        {unknown && (
          <p class="field-error" id="municipality-error">
            {m.unknownMunicipality}
          </p>
        )}
        <input
          id="municipality"
          type="text"
          list="municipalities"
          value={typed}
          aria-invalid={unknown ? true : undefined}
          aria-describedby={unknown ? 'municipality-error' : undefined}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <datalist id="municipalities">
          {OFFICIAL_MUNICIPALITIES.map((o) => (
            <option key={o.nis} value={o.name} />
          ))}
        </datalist>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={() => go(pathOf.roster)}>
          {m.corps}
        </button>
        <button type="button" class="button button--secondary" onClick={() => go(pathOf.officials)}>
          {m.officials}
        </button>
      </div>
    </section>
  );
};
