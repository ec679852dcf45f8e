/**
 * A small button in a table row: its action shown, and for a screen reader the row it acts on too ("Wissen An
 * Peeters"), since a list of identical "Wissen" buttons says nothing.
 */
export const RowButton = ({
  action,
  row,
  kind,
  onClick,
}: {
  action: string;
  row: string;
  kind?: 'secondary' | 'warning';
  onClick: () => void;
}) => (
  <button
    type="button"
    class={kind ? `button button--small button--${kind}` : 'button button--small'}
    onClick={onClick}
  >
    {action}
    <span class="visually-hidden"> {row}</span>
  </button>
);
