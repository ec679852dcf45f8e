import { useState } from 'preact/hooks';
import { TextField } from '../../ui/fields';
import type { ConsoleMessages } from '../messages';
import { MUNICIPALITY_NAMES, nisOfTyped } from '../municipality-choice';
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
      <TextField
        id="municipality"
        label={m.chooseMunicipality}
        error={unknown ? m.unknownMunicipality : undefined}
        errorLabel={m.error}
        value={typed}
        onValue={setTyped}
        suggestions={MUNICIPALITY_NAMES}
      />
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
