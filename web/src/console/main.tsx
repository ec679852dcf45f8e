import { render } from 'preact';

render(
  <main>
    <h1>Registratie</h1>
  </main>,
  document.getElementById('app')!,
);
